package io.slaflow.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The published schemas, loaded from the classpath as the jar ships them, and the example corpus. */
final class ContractSchemas {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonSchema TICKET_EVENT = load("/schemas/ticket-event.schema.json");
    static final JsonSchema DEAD_LETTER = load("/schemas/dead-letter.schema.json");

    private ContractSchemas() {}

    static JsonNode schemaJson(String resource) {
        try (InputStream in = ContractSchemas.class.getResourceAsStream(resource)) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema load(String resource) {
        // Draft 2020-12 treats "format" as an annotation unless asked: the contract relies on date-time checks.
        SchemaValidatorsConfig config =
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaJson(resource), config);
    }

    static Set<ValidationMessage> validate(JsonSchema schema, byte[] json) {
        try {
            return schema.validate(MAPPER.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files under {@code src/test/resources/events/<folder>}, sorted by name. */
    static List<Path> examples(String folder) {
        try (Stream<Path> files = Files.list(
                Path.of(ContractSchemas.class.getResource("/events/" + folder).toURI()))) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code BAD_TIMESTAMP-month-13.json} → BAD_TIMESTAMP: a reject example names its expected reason. */
    static RejectReason expectedReason(Path file) {
        String name = file.getFileName().toString();
        for (RejectReason reason : RejectReason.values()) {
            if (name.startsWith(reason.name() + "-")) {
                return reason;
            }
        }
        throw new IllegalArgumentException(name + " does not start with a RejectReason name");
    }
}
