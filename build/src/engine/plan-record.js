/** The plan record: the words a reduction's run reads (layout in src/tape/opcodes.ts, PLAN). */
import { PLAN, SUM_SCHEME_CODE, FUSED_KERNEL } from '../tape/opcodes.js';
/** Writes the plan record of a dense reduction at `planPtr` (row lanes and ranges off) and returns its words. */
export function writePlan(buffer, planPtr, request, tape, kind, auxDim, p) {
    const plan = new Int32Array(buffer, planPtr, PLAN.WORDS);
    plan.fill(0);
    plan[PLAN.dtype] = request.dtype === 'float32' ? 0 : 1;
    plan[PLAN.tapePtr] = p.tapePtr;
    plan[PLAN.nInstr] = tape.nInstr;
    plan[PLAN.pEnd] = tape.pEnd;
    plan[PLAN.jEnd] = tape.jEnd;
    plan[PLAN.iEnd] = tape.iEnd;
    plan[PLAN.nRows] = request.nRows;
    plan[PLAN.nCols] = request.nCols;
    plan[PLAN.reduction] = kind;
    plan[PLAN.resultReg] = tape.result.offset;
    plan[PLAN.resultFlags] = (tape.result.uniform ? 1 : 0) | (tape.result.perRow ? 2 : 0) | (SUM_SCHEME_CODE[request.sumScheme ?? 'block'] << 2);
    plan[PLAN.rowBytes] = tape.rowBytes;
    plan[PLAN.rowBatch] = p.rowBatch;
    plan[PLAN.resultDim] = tape.outDim;
    plan[PLAN.resultBroadcast] = tape.result.dim < tape.outDim ? 1 : 0;
    const factor = tape.factor;
    plan[PLAN.factorReg] = factor?.offset ?? 0;
    plan[PLAN.factorFlags] = factor ? 4 | (factor.uniform ? 1 : 0) | (factor.dim < tape.outDim ? 2 : 0) | (factor.perRow ? 8 : 0) : 0;
    plan[PLAN.auxReg] = tape.aux?.offset ?? 0;
    plan[PLAN.auxFlags] = (tape.aux?.uniform ? 1 : 0) | (tape.aux?.perRow ? 2 : 0);
    plan[PLAN.auxDim] = auxDim;
    plan[PLAN.k] = request.k;
    plan[PLAN.outPtr] = p.outPtr;
    plan[PLAN.outIdxPtr] = p.idxPtr;
    plan[PLAN.varTablePtr] = p.varTablePtr;
    plan[PLAN.constPtr] = p.constPtr;
    plan[PLAN.accOffset] = p.accOffset;
    writeFusedKernel(plan, tape);
    return plan;
}
/** The fused kernel the interpreter may use for this tape (it checks the reduction itself). */
function writeFusedKernel(plan, tape) {
    const affine = tape.affineSqDist;
    if (!affine)
        return;
    plan[PLAN.fusedKernel] = affine.exp ? FUSED_KERNEL.expAffineSqDist : FUSED_KERNEL.affineSqDist;
    plan[PLAN.fusedX] = affine.x;
    plan[PLAN.fusedY] = affine.y;
    plan[PLAN.fusedDim] = affine.dim;
    plan[PLAN.fusedScale] = affine.scaleConst;
    plan[PLAN.fusedScaleParam] = affine.scaleParam;
    plan[PLAN.fusedShift] = affine.shift;
    plan[PLAN.fusedFactor] = affine.factor;
}
