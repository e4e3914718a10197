package dev.descent.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Searched values are written as {@code --set} reads them back, and drawn numbers keep four significant digits. */
class SearchValueTest {

    @Test
    void valuesAreWrittenAsSetReadsThemBack() throws Exception {
        JsonNode values = ConfigYaml.MAPPER.readTree("[0.0123, 1e-7, 64, 0.0, relu, one-cycle, 30s, 'yes', 'a,b',"
                + " [256, 128], {name: adam, lr: 0.001}, null, true]");

        List<String> texts = List.of("0.0123", "1e-7", "64", "0.0", "relu", "one-cycle", "30s", "'yes'", "'a,b'",
                "[256, 128]", "{name: adam, lr: 0.001}", "null", "true");
        for (int i = 0; i < texts.size(); i++) {
            SearchValue value = SearchValue.of(values.get(i));
            assertThat(value.text()).isEqualTo(texts.get(i));
            ObjectNodeHolder root = new ObjectNodeHolder();
            ConfigOverride.parse("key=" + value.text()).applyTo(root.node);
            assertThat(root.node.get("key")).as(value.text()).isEqualTo(values.get(i));
        }
        assertThat(SearchValue.of(values.get(0)).number()).isEqualTo(0.0123);
        assertThat(SearchValue.of(values.get(4)).isNumber()).isFalse();
    }

    @Test
    void drawnNumbersKeepFourSignificantDigits() {
        assertThat(SearchValue.ofDrawn(0.047081234).text()).isEqualTo("0.04708");
        assertThat(SearchValue.ofDrawn(0.047081234).number()).isEqualTo(0.04708);
        assertThat(SearchValue.ofDrawn(123456.7).text()).isEqualTo("123500.0");
        assertThat(SearchValue.ofDrawn(7L).text()).isEqualTo("7");
    }

    private static final class ObjectNodeHolder {
        final com.fasterxml.jackson.databind.node.ObjectNode node =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }
}
