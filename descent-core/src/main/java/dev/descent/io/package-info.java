/**
 * Tensors and model weights on disk, in the safetensors format that PyTorch and Hugging Face
 * use: {@link dev.descent.io.SafeTensors} reads and writes files of named tensors (written
 * atomically, read with every rule of the format checked), and
 * {@link dev.descent.io.ModelWeights} saves and loads a {@link dev.descent.nn.Layer}'s
 * parameters by their PyTorch names, strictly and all or nothing.
 *
 * <p>Nothing here uses Java serialisation: a file holds only tensors and strings, so reading
 * one never runs code from it.
 */
package dev.descent.io;
