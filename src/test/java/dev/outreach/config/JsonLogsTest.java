package dev.outreach.config;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped logback.xml writes one JSON object per event when OUTREACH_LOG_FORMAT is json. */
class JsonLogsTest {

    @Test
    void withLogFormatJsonEveryEventIsOneJsonObjectWithLevelLoggerAndMessage() throws Exception {
        URL shipped = getClass().getClassLoader().getResource("logback.xml");
        assertThat(shipped).as("the main logback.xml is on the test classpath").isNotNull();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setProperty("OUTREACH_LOG_FORMAT", "json");
        try {
            configure(context, shipped);
            LoggerFactory.getLogger("dev.outreach.JsonLogsProbe").info("outbox drained: {} messages", 3);
        } finally {
            System.clearProperty("OUTREACH_LOG_FORMAT");
            System.setErr(original);
            configure(context, shipped);
        }

        String line = err.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("JsonLogsProbe")).findFirst().orElseThrow();
        JsonNode event = new ObjectMapper().readTree(line);
        assertThat(event.path("level").asText()).isEqualTo("INFO");
        assertThat(event.path("logger_name").asText()).isEqualTo("dev.outreach.JsonLogsProbe");
        assertThat(event.path("message").asText()).isEqualTo("outbox drained: 3 messages");
        assertThat(event.has("@timestamp")).isTrue();
    }

    private static void configure(LoggerContext context, URL file) throws Exception {
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(file);
    }
}
