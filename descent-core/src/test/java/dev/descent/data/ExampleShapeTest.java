package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Data sets of images know their examples' shape, and keep it through subsets, renames and scaling. */
class ExampleShapeTest {

    @Test
    void imagesKeepTheirShapeThroughSplitsAndScaling() {
        Dataset digits = BuiltInDatasets.digits();
        assertThat(digits.exampleShape()).containsExactly(1, 8, 8);
        HoldOutSplit split = Splits.holdOut(digits, 0.25, 1);
        assertThat(((Dataset) split.train()).exampleShape()).containsExactly(1, 8, 8);
        assertThat(((Dataset) split.heldOut()).exampleShape()).containsExactly(1, 8, 8);
        assertThat(digits.withName("d").subset(new int[] {3, 1}).exampleShape()).containsExactly(1, 8, 8);
        FittedTransform scaling = new Standardization().fit(split.train());
        assertThat(((Dataset) scaling.apply(split.train())).exampleShape()).containsExactly(1, 8, 8);
    }

    @Test
    void flatDataIsItsFeatureCountAndAWrongShapeIsRefused() {
        Dataset flat = new Dataset("flat", Tensor.zeros(3, 6), new int[3], 2);
        assertThat(flat.exampleShape()).containsExactly(6);
        assertThat(flat.withExampleShape(List.of(1, 2, 3)).exampleShape()).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> flat.withExampleShape(List.of(1, 4, 4)))
                .hasMessageContaining("the example shape [1, 4, 4] holds 16 values, but each example has 6");
    }
}
