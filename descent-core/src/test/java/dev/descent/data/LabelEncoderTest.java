package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Labels ↔ class indices, as scikit-learn's LabelEncoder: sorted distinct labels are the classes. */
class LabelEncoderTest {

    @Test
    void minusOneAndOneAreTwoClasses() {
        LabelEncoder encoder = LabelEncoder.fit(new int[] {1, -1, -1, 1, 1});

        assertThat(encoder.classCount()).isEqualTo(2);
        assertThat(encoder.classes()).containsExactly(-1, 1);
        assertThat(encoder.classNames()).containsExactly("-1", "1");
        assertThat(encoder.transform(new int[] {1, -1, 1})).containsExactly(1, 0, 1);
        assertThat(encoder.inverseTransform(new int[] {0, 1, 1})).containsExactly(-1, 1, 1);
        assertThat(encoder.label(1)).isEqualTo(1);
    }

    @Test
    void oneAndTwoAreTwoClassesNotThree() {
        LabelEncoder encoder = LabelEncoder.fit(new int[] {2, 1, 2, 2});

        assertThat(encoder.classes()).containsExactly(1, 2);
        assertThat(encoder.transform(new int[] {1, 2})).containsExactly(0, 1);
        assertThat(encoder.inverseTransformToNames(new int[] {1, 0})).containsExactly("2", "1");
    }

    @Test
    void integerLabelsSortNumerically() {
        LabelEncoder encoder = LabelEncoder.fit(new int[] {10, -3, 2, 10, 2});

        assertThat(encoder.classes()).containsExactly(-3, 2, 10); // not "-3" < "10" < "2"
    }

    @Test
    void textLabelsSortAsStrings() {
        LabelEncoder encoder = LabelEncoder.fit("yes", "no", "maybe", "no");

        assertThat(encoder.classNames()).containsExactly("maybe", "no", "yes");
        assertThat(encoder.hasIntegerLabels()).isFalse();
        assertThat(encoder.transform("no", "yes")).containsExactly(1, 2);
        assertThat(encoder.inverseTransformToNames(new int[] {2, 0})).containsExactly("yes", "maybe");
        assertThatThrownBy(encoder::classes).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("text labels [maybe, no, yes]").hasMessageContaining("classNames()");
    }

    @Test
    void anUnseenLabelIsNamedWithThePositionAndTheClasses() {
        LabelEncoder encoder = LabelEncoder.fit(new int[] {-1, 1});

        assertThatThrownBy(() -> encoder.transform(new int[] {1, -1, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("label 0 (position 2) is not one of the classes [-1, 1] seen in fitting; unseen labels"
                        + " cannot be encoded");
        assertThatThrownBy(() -> LabelEncoder.fit("a", "b").transform("c"))
                .hasMessageContaining("label 'c' (position 0) is not one of the classes [a, b]");
        assertThatThrownBy(() -> encoder.inverseTransform(new int[] {0, 2}))
                .hasMessageContaining("index at position 1 is 2, outside [0, 2)");
    }

    @Test
    void aDataSetsIndicesWithItsNames() {
        LabelEncoder encoder = LabelEncoder.ofIndices(List.of("setosa", "versicolor", "virginica"));

        assertThat(encoder.classes()).containsExactly(0, 1, 2);
        assertThat(encoder.transform(new int[] {2, 0})).containsExactly(2, 0);
        assertThat(encoder.transform("versicolor")).containsExactly(1);
        assertThat(LabelEncoder.ofIndices(2)).isEqualTo(LabelEncoder.fit(new int[] {1, 0}));
    }

    @Test
    void invalidInputsAreExplained() {
        assertThatThrownBy(() -> LabelEncoder.fit(new int[0])).hasMessageContaining("the training set is empty");
        assertThatThrownBy(() -> LabelEncoder.fit("a", null)).hasMessageContaining("label 1 is null");
        assertThatThrownBy(() -> LabelEncoder.ofClasses(new int[] {1, 1}, List.of("a", "b")))
                .hasMessageContaining("distinct and increasing, got [1, 1]");
        assertThatThrownBy(() -> LabelEncoder.ofClasses(new int[] {1, 2}, List.of("a")))
                .hasMessageContaining("2 class labels [1, 2] but 1 class names [a]");
        assertThatThrownBy(() -> LabelEncoder.ofIndices(List.of("a", "a")))
                .hasMessageContaining("class name 'a' is given twice");
    }
}
