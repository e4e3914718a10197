/**
 * Losses L(y, l): softmax cross-entropy from logits (class weights, label smoothing), binary
 * cross-entropy with logits (the logistic loss), mean squared error and Huber. Each is one
 * fused, numerically stable operation on the tape with a closed-form gradient.
 */
package dev.descent.loss;
