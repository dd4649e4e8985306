// The smoke checks every runtime runs against the float64 oracle: a Gaussian sum on both axes,
// a logsumexp, a k-nearest-neighbour search. `lib` is the imported package, however the
// runtime loads it; the result lists each check with its error.
export async function runSmoke(lib, log = () => {}) {
  const { configure, engineInfo } = lib;
  const defaults = await engineInfo();
  const passes = [];
  if (defaults.mode === 'workers') {
    // Every reduction on the pool, however small.
    configure({ poolThreshold: 0 });
    passes.push({ ...(await engineInfo()), checks: await smokeChecks(lib, log) });
  }
  configure({ threads: 1 });
  passes.push({ ...(await engineInfo()), checks: await smokeChecks(lib, log) });
  return { ok: passes.every((p) => p.checks.every((c) => c.ok)), defaultMode: defaults.mode, defaultReasons: defaults.reasons, passes };
}

async function smokeChecks(lib, log) {
  const { tensor, Vi, Vj } = lib;
  const rand = mulberry32(7);
  const cloud = (n, d) => tensor(Float32Array.from({ length: n * d }, () => rand()), [n, d]);
  const X = cloud(301, 3), Y = cloud(517, 3), B = cloud(517, 2);
  const K = Vi(X).sqdist(Vj(Y)).mul(-2).exp();
  const D = Vi(X).sqdist(Vj(Y)).mul(-8);
  const checks = [];
  const compare = async (name, make, tol) => {
    try {
      const [got, ref] = [await make({}), await make({ backend: 'oracle' })];
      let worst = 0;
      for (let k = 0; k < ref.data.length; k++) {
        const err = Math.abs(got.data[k] - ref.data[k]) / (Math.abs(ref.data[k]) + 1e-6);
        worst = Math.max(worst, Number.isNaN(err) ? Infinity : err);
      }
      checks.push({ name, ok: worst <= tol && got.data.length === ref.data.length, worst });
    } catch (e) {
      checks.push({ name, ok: false, error: `${e?.name}: ${e?.message}` });
    }
    log(checks[checks.length - 1]);
  };
  await compare('gaussian sum over j', (o) => K.mul(Vj(B)).sum(1, o), 1e-5);
  await compare('gaussian sum over i', (o) => K.sum(0, o), 1e-5);
  await compare('logsumexp', (o) => D.logsumexp(1, o), 1e-5);
  await compare('argKmin', (o) => Vi(X).sqdist(Vj(Y)).argKmin(3, 1, o), 0);
  // A gradient through a reduction (its backward is itself a reduction).
  await compare('gradient', async (o) => {
    const Xg = tensor(Float32Array.from(X.data), X.shape, { requiresGrad: true });
    await (await Vi(Xg).sqdist(Vj(Y)).mul(-2).exp().mul(Vj(B)).sum(1, o)).sum().backward();
    return Xg.grad;
  }, 1e-4);
  // An eigensolver on a kernel operator (every matvec is a reduction).
  const Z = cloud(120, 2);
  await compare('eigsh', async (o) => {
    const Kz = lib.aslinearoperator(Vi(Z).sqdist(Vj(Z)).mul(-4).exp(), o.backend ? { backend: o.backend } : {});
    const { values } = await lib.eigsh(Kz, { k: 3, which: 'LM' });
    return { data: values.data ?? values };
  }, 1e-4);
  // A Sinkhorn divergence: lazy reductions (online) against the dense float64 path (tensorized).
  await compare('sinkhorn', async (o) => {
    const loss = lib.samplesLoss('sinkhorn', { p: 2, blur: 0.1, scaling: 0.7, backend: o.backend === 'oracle' ? 'tensorized' : 'online' });
    const as64 = (t) => tensor(Float64Array.from(t.data), t.shape);
    return loss(as64(X), as64(Y));
  }, 1e-6);
  return checks;
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
