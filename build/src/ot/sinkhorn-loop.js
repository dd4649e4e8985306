/**
 * GeomLoss's `sinkhorn_loop`: the symmetric Sinkhorn iterations with epsilon-scaling, the
 * optional coarse-to-fine jumps of the multiscale scheme, and a last "extrapolation" step
 * whose result carries the gradient (envelope theorem: no backpropagation through the
 * iterations, which only ever see detached tensors).
 */
import { Yielder } from '../abort.js';
import { Tensor, allocateData } from '../tensor/tensor.js';
import { dampening } from './epsilon-schedule.js';
/** a + b / d for detached tensors of one shape (the loop's arithmetic, without broadcasting machinery). */
function addDiv(a, b, d) {
    if (a.size !== b.size)
        return a.add(b.div(d));
    const dtype = a.dtype === 'float64' || b.dtype === 'float64' ? 'float64' : 'float32';
    const out = allocateData(dtype, a.size);
    const ad = a.data, bd = b.data;
    for (let k = 0; k < out.length; k++)
        out[k] = ad[k] + bd[k] / d;
    return new Tensor(out, b.shape);
}
/** s a, in place: `a` is a fresh softmin result owned by the loop. */
function scale(a, s) {
    if (s === 1)
        return a;
    const ad = a.data;
    for (let k = 0; k < ad.length; k++)
        ad[k] = ad[k] * s;
    return a;
}
/** (a + b) / 2, written into b (a fresh softmin result owned by the loop). */
function half(a, b) {
    const ad = a.data, bd = b.data;
    if (ad.length !== bd.length || (a.dtype === 'float64' && b.dtype !== 'float64'))
        return a.add(b).mul(0.5).detach();
    for (let k = 0; k < bd.length; k++)
        bd[k] = (ad[k] + bd[k]) * 0.5;
    return b;
}
/** Runs the loop and returns the potentials of the last (differentiable) step. */
export async function sinkhornLoop(args) {
    const { softmin, detach, aLogs, bLogs, Cxxs, Cyys, Cxys, Cyxs, epsList, rho, debias, signal, onProgress } = args;
    const jumps = args.jumps ?? [];
    let lastExtrapolation = true;
    const yielder = args.yielder ?? new Yielder('samplesLoss', signal);
    // Every softmin is a reduction: give the event loop its turn (and the signal its check) between them.
    const sm = async (eps, C, h) => {
        await yielder.tick();
        return softmin(eps, detach(C), h.detach());
    };
    let k = 0;
    let eps = epsList[0];
    let damping = dampening(eps, rho);
    let aLog = aLogs[k];
    let bLog = bLogs[k];
    let Cxy = Cxys[k];
    let Cyx = Cyxs[k];
    let Cxx = debias ? Cxxs[k] : null;
    let Cyy = debias ? Cyys[k] : null;
    // The softmins of one step are independent: they are started together, so that their
    // reductions queue on the engine back to back, and on WebGPU their read-backs wait together
    // (Deno completes a read-back only every 10 ms: one wait per step instead of four).
    const step = (damp, ...calls) => Promise.all(calls.map((c) => (c === null ? null : c.then((t) => scale(t, damp)))));
    await yielder.tick();
    // A decent initialisation: at a large temperature the softmin is almost a convolution.
    const skipAA = debias && jumps.length === 0 && !!args.cachedAA;
    const skipBB = debias && jumps.length === 0 && !!args.cachedBB;
    const init = await step(damping, sm(eps, Cyx, aLog), sm(eps, Cxy, bLog), debias && !skipAA ? sm(eps, Cxx, aLog) : null, debias && !skipBB ? sm(eps, Cyy, bLog) : null);
    let gAB = init[0];
    let fBA = init[1];
    let fAA = debias ? (skipAA ? args.cachedAA : init[2]) : null;
    let gBB = debias ? (skipBB ? args.cachedBB : init[3]) : null;
    for (let i = 0; i < epsList.length; i++) {
        eps = epsList[i];
        await yielder.tick();
        damping = dampening(eps, rho);
        // Symmetric ("averaged") updates of the four problems.
        const [ftBA, gtAB, ftAA, gtBB] = await step(damping, sm(eps, Cxy, addDiv(bLog, gAB, eps)), sm(eps, Cyx, addDiv(aLog, fBA, eps)), debias && !skipAA ? sm(eps, Cxx, addDiv(aLog, fAA, eps)) : null, debias && !skipBB ? sm(eps, Cyy, addDiv(bLog, gBB, eps)) : null);
        fBA = half(fBA, ftBA);
        gAB = half(gAB, gtAB);
        if (ftAA)
            fAA = half(fAA, ftAA);
        if (gtBB)
            gBB = half(gBB, gtBB);
        if (jumps.includes(i)) {
            let CxyFine, CyxFine;
            let CxxFine = null, CyyFine = null;
            if (i === epsList.length - 1) {
                // Last iteration: the extrapolation to the fine scale is the differentiable last step.
                CxyFine = Cxys[k + 1];
                CyxFine = Cyxs[k + 1];
                if (debias) {
                    CxxFine = Cxxs[k + 1];
                    CyyFine = Cyys[k + 1];
                }
                lastExtrapolation = false;
            }
            else {
                [CxyFine, CyxFine] = await args.kernelTruncation(Cxy, Cyx, Cxys[k + 1], Cyxs[k + 1], fBA, gAB, eps);
                if (debias) {
                    [CxxFine] = await args.kernelTruncation(Cxx, Cxx, Cxxs[k + 1], Cxxs[k + 1], fAA, fAA, eps);
                    [CyyFine] = await args.kernelTruncation(Cyy, Cyy, Cyys[k + 1], Cyys[k + 1], gBB, gBB, eps);
                }
            }
            // Before the last iteration the extrapolation is part of the loop (detached); after it,
            // it is the differentiable last step.
            const fine = (C) => (lastExtrapolation ? detach(C) : C);
            const extrapolate = args.extrapolate;
            // The cross updates use the coarse potentials of both sides: compute them in parallel.
            const fFine = await extrapolate(fBA, gAB, eps, damping, detach(Cxy), bLog, fine(CxyFine));
            const gFine = await extrapolate(gAB, fBA, eps, damping, detach(Cyx), aLog, fine(CyxFine));
            fBA = fFine;
            gAB = gFine;
            if (debias) {
                fAA = await extrapolate(fAA, fAA, eps, damping, detach(Cxx), aLog, fine(CxxFine));
                gBB = await extrapolate(gBB, gBB, eps, damping, detach(Cyy), bLog, fine(CyyFine));
            }
            k++;
            aLog = aLogs[k];
            bLog = bLogs[k];
            Cxy = CxyFine;
            Cyx = CyxFine;
            if (debias) {
                Cxx = CxxFine;
                Cyy = CyyFine;
            }
        }
        if (onProgress)
            await onProgress({ iteration: i + 1, iterations: epsList.length, epsilon: eps, blur: eps ** (1 / args.p), batch: args.batch ?? 0 });
    }
    await yielder.tick();
    const loopAA = fAA;
    const loopBB = gBB;
    if (lastExtrapolation) {
        // One more (non-averaged) Sinkhorn step on the un-detached costs, with detached inputs:
        // its gradient with respect to the points is the gradient of the converged OT cost.
        const [f, g, fa, gb] = await Promise.all([
            softmin(eps, Cxy, addDiv(bLog, gAB, eps)),
            softmin(eps, Cyx, addDiv(aLog, fBA, eps)),
            debias ? softmin(eps, Cxx, addDiv(aLog, fAA, eps)) : null,
            debias ? softmin(eps, Cyy, addDiv(bLog, gBB, eps)) : null,
        ]);
        fBA = f.mul(damping);
        gAB = g.mul(damping);
        if (debias) {
            fAA = fa.mul(damping);
            gBB = gb.mul(damping);
        }
    }
    return { fAA, gBB, gAB, fBA, loopAA, loopBB };
}
