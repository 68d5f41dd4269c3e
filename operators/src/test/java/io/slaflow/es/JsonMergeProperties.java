package io.slaflow.es;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The buffer merges a document's pending updates once, when it is sent ({@link EsBulkWriter}): that must give exactly
 * what merging them one at a time gave (each step written out and read again), on documents with nested objects,
 * arrays, nulls and keys that come and go.
 */
class JsonMergeProperties {

    @Property(tries = 500)
    void mergingAllAtOnceEqualsMergingOneAtATime(
            @ForAll("objects") String base, @ForAll("updates") List<String> updates) {
        String stepwise = base;
        for (String update : updates) {
            stepwise = JsonMerge.mergeObjects(stepwise, update);
        }
        assertThat(JsonMerge.mergeObjects(base, updates)).isEqualTo(stepwise);
    }

    @Provide
    Arbitrary<List<String>> updates() {
        return objects().list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> objects() {
        return object(2);
    }

    private Arbitrary<String> object(int depth) {
        Arbitrary<String> field = Arbitraries.of("a", "b", "c", "deadline", "met")
                .flatMap(k -> value(depth).map(v -> "\"" + k + "\":" + v));
        return field.list()
                .ofMaxSize(4)
                .uniqueElements(f -> f.substring(0, f.indexOf(':')))
                .map(fields -> "{" + String.join(",", fields) + "}");
    }

    private Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.integers().between(-5, 5).map(String::valueOf),
                Arbitraries.of("\"x\"", "\"y é\"", "null", "true", "1.50", "[1,2]", "[]"));
        return depth == 0 ? scalar : Arbitraries.oneOf(scalar, object(depth - 1));
    }
}
