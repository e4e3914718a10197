/**
 * Data sets and how they reach a model: the first stage of Descent's data flow
 * (dataset → sampler → batch → model).
 *
 * <ul>
 *   <li>Data sets: {@link dev.descent.data.Dataset} (features {@code [n, d]}, integer class
 *       labels) and {@link dev.descent.data.RegressionDataset} (real-valued targets).</li>
 *   <li>Readers: {@link dev.descent.data.IdxReader} and {@link dev.descent.data.MnistLayout}
 *       (MNIST-style files), {@link dev.descent.data.CsvReader} ({@link dev.descent.data.CsvOptions}:
 *       label column, one-hot categorical columns), {@link dev.descent.data.LibSvmReader};
 *       {@link dev.descent.data.TableSchema} records a training table's columns and reads new
 *       files the same way, by column name ({@link dev.descent.data.TableSchemaReader}).</li>
 *   <li>Finding data: {@link dev.descent.data.DatasetLocator} (flag, {@code $DESCENT_DATA},
 *       cache, system folder, then a checked download by {@link dev.descent.data.Downloader}
 *       from {@link dev.descent.data.KnownDatasets}); {@link dev.descent.data.BuiltInDatasets}
 *       shipped inside the jar; {@link dev.descent.data.SyntheticData} for seeded problems with
 *       known answers.</li>
 *   <li>Splits and transforms: {@link dev.descent.data.Splits} (stratified hold-out,
 *       train/validation/test), {@link dev.descent.data.KFold}; {@link dev.descent.data.Standardization},
 *       {@link dev.descent.data.MinMaxScaling} and {@link dev.descent.data.OneHotLabels}, fitted
 *       on the training split only; {@link dev.descent.data.LabelEncoder} between labels as given
 *       ({−1, 1}, {1, 2}, text) and class indices 0…k−1.</li>
 *   <li>Samplers ({@link dev.descent.data.Sampler}): sequential, shuffled, with replacement,
 *       class-balanced, weighted, informative with importance weights.</li>
 *   <li>Batch sources ({@link dev.descent.data.BatchSource}): {@link dev.descent.data.MiniBatches}
 *       over a data set in memory, {@link dev.descent.data.StreamingBatches} over an
 *       {@link dev.descent.data.ExampleStream} (e.g. {@link dev.descent.data.CsvExampleStream})
 *       through a bounded shuffle buffer, {@link dev.descent.data.PrefetchingBatches} on a
 *       background thread, and {@link dev.descent.data.AugmentedBatches}, training images
 *       randomly cropped and flipped by an {@link dev.descent.data.ImageAugmentation}; batches are
 *       reusable {@link dev.descent.data.Batch} buffers.</li>
 * </ul>
 *
 * <p>Bad data on disk throws {@link dev.descent.data.DataException} with a message that names
 * the file, the line or offset, the problem and the fix; bad arguments throw
 * {@link IllegalArgumentException}.
 */
package dev.descent.data;
