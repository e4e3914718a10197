package dev.descent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /static/…}: the bundled files only, and the odd requests a browser never sends. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaticRoutesTest {
    private Dashboard dashboard;

    @BeforeAll
    void serve(@TempDir Path temp) throws Exception {
        RunFixture.finished(temp.resolve("a"));
        dashboard = Dashboard.start(List.of(temp), "127.0.0.1", 0);
    }

    @AfterAll
    void stop() {
        if (dashboard != null) {
            dashboard.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/static/", "/static/vendor", "/static/vendor/uplot", "/static/vendor/uplot/dist",
        "/static/nothing.js", "/static/.hidden.js", "/static/%2e%2e/web/common.js", "/static//common.js"})
    void aNameThatIsNotABundledFileIs404(String path) {
        // a folder of the resources is no file: its listing (what a class-path folder yields) is not served
        TestHttp.RawResponse response = TestHttp.rawGet(dashboard, path);

        assertThat(response.status()).as(path).isEqualTo(404);
        assertThat(response.text()).as(path).isEqualTo("not found\n");
    }

    @Test
    void aHeadRequestForTheEventStreamAnswersAndEnds() {
        TestHttp.RawResponse response = TestHttp.raw(dashboard, "HEAD", "/api/events",
                "127.0.0.1:" + TestHttp.port(dashboard));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/event-stream");
    }

    @Test
    void headRequestsForPagesAndApiHaveNoBody() {
        for (String path : List.of("/api/runs", "/api/run?id=0%2Fa", "/static/vendor/uplot/dist/uPlot.iife.min.js")) {
            var response = TestHttp.send(dashboard, "HEAD", path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).isEmpty();
        }
    }
}
