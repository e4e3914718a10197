package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BuiltInDatasetsTest {
    @Test
    void digitsHas1797ImagesOf64PixelsIn10Classes() {
        Dataset digits = BuiltInDatasets.digits();

        assertThat(digits.name()).isEqualTo("digits");
        assertThat(digits.features().shape().dims()).containsExactly(1797, 64);
        assertThat(digits.classes()).isEqualTo(10);
        assertThat(digits.className(7)).isEqualTo("7");
        assertThat(Arrays.stream(digits.classCounts()).sum()).isEqualTo(1797);
        assertThat(Arrays.stream(digits.classCounts()).min().orElseThrow()).isEqualTo(174);
        assertThat(Arrays.stream(digits.classCounts()).max().orElseThrow()).isEqualTo(183);
    }

    @Test
    void digitsPixelsAreScaledToTheUnitInterval() {
        Dataset digits = BuiltInDatasets.digits();

        float[] pixels = digits.features().data();
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : pixels) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isEqualTo(0f);
        assertThat(max).isEqualTo(1f);
        // First row of scikit-learn's digits starts 0, 0, 5, 13, 9, 1 and is a 0.
        assertThat(Arrays.copyOf(digits.features().row(0), 6)).containsExactly(0f, 0f, 5 / 16f, 13 / 16f, 9 / 16f, 1 / 16f);
        assertThat(digits.label(0)).isZero();
        assertThat(digits.label(1796)).isEqualTo(8);
    }

    @Test
    void breastCancerHas569TumoursOf30RawFeatures() {
        Dataset cancer = BuiltInDatasets.breastCancer();

        assertThat(cancer.name()).isEqualTo("breast-cancer");
        assertThat(cancer.features().shape().dims()).containsExactly(569, 30);
        assertThat(cancer.classNames()).containsExactly("malignant", "benign");
        assertThat(cancer.classCounts()).containsExactly(212, 357);
        // First data line of breast_cancer.csv, unscaled.
        assertThat(cancer.features().row(0)).containsExactly(17.99f, 10.38f, 122.8f, 1001f, 0.1184f, 0.2776f,
                0.3001f, 0.1471f, 0.2419f, 0.07871f, 1.095f, 0.9053f, 8.589f, 153.4f, 0.006399f, 0.04904f,
                0.05373f, 0.01587f, 0.03003f, 0.006193f, 25.38f, 17.33f, 184.6f, 2019f, 0.1622f, 0.6656f,
                0.7119f, 0.2654f, 0.4601f, 0.1189f);
        assertThat(cancer.label(0)).isZero();
        assertThat(cancer.label(568)).isEqualTo(1);
        assertThat(BuiltInDatasets.featureNames("breast-cancer")).hasSize(30)
                .startsWith("mean radius", "mean texture").endsWith("worst fractal dimension")
                .contains("concave points error");
    }

    @Test
    void irisHas150FlowersIn3ClassesOf50() {
        Dataset iris = BuiltInDatasets.iris();

        assertThat(iris.name()).isEqualTo("iris");
        assertThat(iris.features().shape().dims()).containsExactly(150, 4);
        assertThat(iris.classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(iris.classCounts()).containsExactly(50, 50, 50);
        assertThat(iris.features().row(0)).containsExactly(5.1f, 3.5f, 1.4f, 0.2f);
        assertThat(iris.features().row(149)).containsExactly(5.9f, 3.0f, 5.1f, 1.8f);
        assertThat(iris.label(149)).isEqualTo(2);
        assertThat(BuiltInDatasets.featureNames("iris")).containsExactly("sepal length (cm)", "sepal width (cm)",
                "petal length (cm)", "petal width (cm)");
    }

    @Test
    void wineHas178WinesOf13FeaturesIn3Classes() {
        Dataset wine = BuiltInDatasets.wine();

        assertThat(wine.name()).isEqualTo("wine");
        assertThat(wine.features().shape().dims()).containsExactly(178, 13);
        assertThat(wine.classNames()).containsExactly("class_0", "class_1", "class_2");
        assertThat(wine.classCounts()).containsExactly(59, 71, 48);
        assertThat(wine.features().row(0)).containsExactly(14.23f, 1.71f, 2.43f, 15.6f, 127f, 2.8f, 3.06f, 0.28f,
                2.29f, 5.64f, 1.04f, 3.92f, 1065f);
        assertThat(BuiltInDatasets.featureNames("wine")).hasSize(13).startsWith("alcohol").endsWith("proline");
    }

    @Test
    void diabetesHas442PatientsOf10RawFeaturesAndProgressionTargets() {
        RegressionDataset diabetes = BuiltInDatasets.diabetes();

        assertThat(diabetes.name()).isEqualTo("diabetes");
        assertThat(diabetes.features().shape().dims()).containsExactly(442, 10);
        assertThat(diabetes.targets().shape().dims()).containsExactly(442);
        assertThat(diabetes.featureNames()).containsExactly("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4",
                "s5", "s6");
        // First line of diabetes_data_raw.csv.gz and of diabetes_target.csv.gz.
        assertThat(diabetes.features().row(0)).containsExactly(59f, 2f, 32.1f, 101.0f, 157f, 93.2f, 38.0f, 4.0f,
                4.8598f, 87f);
        assertThat(diabetes.target(0)).isEqualTo(151f);
        assertThat(diabetes.target(441)).isEqualTo(57f);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        double sum = 0;
        for (float target : diabetes.targets().data()) {
            min = Math.min(min, target);
            max = Math.max(max, target);
            sum += target;
        }
        assertThat(min).isEqualTo(25f);
        assertThat(max).isEqualTo(346f);
        assertThat(sum / 442).isCloseTo(152.133, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void namesAndLoadByName() {
        assertThat(BuiltInDatasets.names()).containsExactly("breast-cancer", "digits", "iris", "wine");
        assertThat(BuiltInDatasets.regressionNames()).containsExactly("diabetes");
        for (String name : BuiltInDatasets.names()) {
            Dataset dataset = BuiltInDatasets.load(name);
            assertThat(dataset.name()).isEqualTo(name);
            assertThat(BuiltInDatasets.featureNames(name)).hasSize(dataset.featureCount());
        }
        assertThat(BuiltInDatasets.load("Breast_Cancer").name()).isEqualTo("breast-cancer");
        assertThat(BuiltInDatasets.loadRegression("diabetes").size()).isEqualTo(442);
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        assertThatThrownBy(() -> BuiltInDatasets.load("mnist"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown built-in data set 'mnist'; the classification data sets are [breast-cancer,"
                        + " digits, iris, wine] (BuiltInDatasets.load) and the regression data sets [diabetes]"
                        + " (BuiltInDatasets.loadRegression)");
        assertThatThrownBy(() -> BuiltInDatasets.load("diabetes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a regression data set; load it with BuiltInDatasets.loadRegression");
        assertThatThrownBy(() -> BuiltInDatasets.loadRegression("iris"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a classification data set; load it with BuiltInDatasets.load(\"iris\")");
        assertThatThrownBy(() -> BuiltInDatasets.loadRegression("boston"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown built-in data set 'boston'");
    }
}
