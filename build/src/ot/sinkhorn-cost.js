import { withValue } from './grad-helpers.js';
/** <a, f> over the last axis: a scalar for [N], a [B] vector for [B, N]. */
export function scal(a, f) {
    return a.mul(f).sum(-1);
}
/** exp(-f / rho). */
const expNeg = (f, rho) => f.div(-rho).exp();
/**
 * The loss from the potentials (`potentials: false`) or the pair [F, G] of potentials
 * (`potentials: true`), for weights a [.., N], b [.., M].
 */
export function sinkhornCost(eps, rho, a, b, pots, debias, potentials) {
    const { fAA, gBB, gAB, fBA } = pots;
    if (potentials)
        return debias ? [fBA.sub(fAA), gAB.sub(gBB)] : [fBA, gAB];
    if (debias) {
        if (rho === null)
            return scal(a, fBA.sub(fAA)).add(scal(b, gAB.sub(gBB)));
        const u = scal(a, expNeg(fAA, rho).sub(expNeg(fBA, rho))).add(scal(b, expNeg(gBB, rho).sub(expNeg(gAB, rho))));
        return withValue(u.mul(rho + eps), u.mul(rho + eps / 2));
    }
    // Raw OT_eps: the dual objective at the optimum, whose gradient in a_i is the envelope's.
    const ma = a.sum(-1);
    const mb = b.sum(-1);
    const value = (base) => base.add(ma.mul(mb).sub(ma.add(mb).mul(0.5)).mul(eps).detach());
    const graph = (base) => base.add(ma.mul(mb).sub(ma).sub(mb).mul(eps));
    if (rho === null) {
        const base = scal(a, fBA).add(scal(b, gAB));
        return withValue(graph(base), value(base));
    }
    const u = scal(a, expNeg(fBA, rho).neg().add(1)).add(scal(b, expNeg(gAB, rho).neg().add(1)));
    return withValue(graph(u.mul(rho + eps)), value(u.mul(rho + eps / 2)));
}
