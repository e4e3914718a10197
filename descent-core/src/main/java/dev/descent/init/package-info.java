/**
 * Parameter initialisers (zeros, constant, uniform, normal, Xavier/Glorot, He/Kaiming,
 * PyTorch's Linear default), each drawing from an explicit seeded generator.
 */
package dev.descent.init;
