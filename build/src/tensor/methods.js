/**
 * Registers the ops behind Tensor's methods (tensor.ts cannot import them: they construct
 * Tensors). Imported first by the package's index; a side effect, listed in package.json's
 * sideEffects so that bundlers keep it.
 */
import { registerTensorMethods } from './tensor.js';
import * as ew from './ops/elementwise.js';
import * as red from './ops/reduce.js';
import * as sh from './ops/shape.js';
import * as sm from './ops/softmax.js';
import { matmul } from './ops/matmul.js';
import { backward } from '../autograd/backward.js';
registerTensorMethods({ ew, red, sh, sm, matmul, backward });
