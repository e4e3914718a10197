/**
 * Data sets and how they reach a model: the first stage of Descent's data flow
 * (dataset → sampler → batch → model).
 *
 * <ul>
 *   <li>{@link dev.descent.data.Dataset}: features {@code [n, d]} with integer class labels.</li>
 *   <li>Sources: {@link dev.descent.data.IdxReader} and {@link dev.descent.data.MnistLayout}
 *       for MNIST-style files, found by {@link dev.descent.data.DatasetLocator};
 *       {@link dev.descent.data.BuiltInDatasets} for data shipped inside the jar;
 *       {@link dev.descent.data.SyntheticData} for seeded toy problems.</li>
 *   <li>{@link dev.descent.data.Splits}: stratified, seeded hold-out splits.</li>
 *   <li>{@link dev.descent.data.MiniBatches}: seeded shuffling into reusable
 *       {@link dev.descent.data.Batch} buffers.</li>
 * </ul>
 *
 * <p>Bad data on disk throws {@link dev.descent.data.DataException} with a message that names
 * the file, the problem and the fix; bad arguments throw {@link IllegalArgumentException}.
 */
package dev.descent.data;
