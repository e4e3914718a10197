package dev.descent.spark;

import java.util.Collections;
import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * The executor's side of one strategy job: a function of the partition's block and the job's
 * broadcast input, giving at most one result per partition. Empty partitions give none, so the
 * driver's ordered sums see only partitions with rows.
 *
 * @param <I> what the driver broadcasts (weights, a point, a batch's row numbers)
 * @param <O> what each partition sends back (its share of a sum)
 */
abstract class BlockTask<I, O> implements FlatMapFunction<Iterator<ExampleBlock>, O> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<I> input;

    BlockTask(Broadcast<I> input) {
        this.input = input;
    }

    @Override
    public final Iterator<O> call(Iterator<ExampleBlock> blocks) {
        if (!blocks.hasNext()) {
            return Collections.emptyIterator();
        }
        ExampleBlock block = blocks.next();
        O result = block.rows == 0 ? null : apply(block, input.value());
        return result == null ? Collections.emptyIterator() : Collections.singletonList(result).iterator();
    }

    /** This partition's result, or null when it has nothing to add (e.g. no row of the batch). */
    abstract O apply(ExampleBlock block, I in);
}
