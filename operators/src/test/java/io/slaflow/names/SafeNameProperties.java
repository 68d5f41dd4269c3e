package io.slaflow.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The class of issue 18's items 2 and 5: an outside id becomes a file, folder, alias or header name only through
 * {@link SafeName}, which must be safe for all of them and must never give two ids one name. The generators build
 * families of ids that collided under the old mapping (case, punctuation replaced by '_', dots, path separators,
 * accents, length) plus arbitrary text from every plane.
 */
class SafeNameProperties {
    /** Index-safe, file-safe, header-safe: what every consumer of the name relies on. */
    private static final String SHAPE = "[a-z0-9]([a-z0-9._-]*[a-z0-9])?";

    @Property(tries = 3000)
    void everyNameIsSafeForFilesIndicesAndHeaders(@ForAll("anyId") String id) {
        String name = SafeName.of(id);

        assertThat(name).matches(SHAPE).hasSizeLessThanOrEqualTo(64);
        assertThat(name).isNotIn(".", "..").isEqualTo(name.toLowerCase(Locale.ROOT));
        assertThat(HeaderText.isSafe(name)).isTrue();
        assertThat(SafeName.of(id)).as("the same id always gets the same name").isEqualTo(name);
    }

    @Property(tries = 1000)
    void idsThatUsedToCollideEachGetTheirOwnName(@ForAll("collidingFamily") List<String> family) {
        Map<String, String> owner = new HashMap<>();
        for (String id : new HashSet<>(family)) {
            String previous = owner.put(SafeName.of(id), id);
            assertThat(previous)
                    .as("'%s' and '%s' got the same name %s", previous, id, SafeName.of(id))
                    .isNull();
            // case-insensitive file systems (macOS, Windows) fold case: names differ there too (they are lower case)
            assertThat(SafeName.of(id)).isEqualTo(SafeName.of(id).toLowerCase(Locale.ROOT));
        }
    }

    @Property(tries = 1000)
    void aSafeIdIsItsOwnNameAndNoOtherIdTakesIt(@ForAll("plainId") String id, @ForAll("anyId") String other) {
        assertThat(SafeName.of(id)).isEqualTo(id);
        if (!other.equals(id)) {
            assertThat(SafeName.of(other)).isNotEqualTo(id);
        }
    }

    @Example
    void readableForOrdinaryIdsAndRecognisableForTheRest() {
        assertThat(SafeName.of("acme")).isEqualTo("acme");
        assertThat(SafeName.of("client-004")).isEqualTo("client-004");
        assertThat(SafeName.of("globex_corp")).isEqualTo("globex_corp");
        assertThat(SafeName.of("ACME")).startsWith("acme--").hasSize(18);
        assertThat(SafeName.of("Société Générale")).startsWith("societe-generale--");
        assertThat(SafeName.of("a/b")).startsWith("a-b--");
        assertThat(SafeName.of("..")).startsWith("id--");
        assertThat(SafeName.of("con")).startsWith("con--");
        assertThat(SafeName.of("x".repeat(65))).startsWith("x".repeat(40) + "--");
        Set<String> names = new HashSet<>();
        for (String id : List.of("a/b", "a?b", "a_b", ".", "~", "acme", "ACME")) names.add(SafeName.of(id));
        assertThat(names).hasSize(7);
    }

    @Provide
    Arbitrary<String> anyId() {
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(300);
        Arbitrary<String> planes = Arbitraries.integers()
                .between(0, 0x10FFFF)
                .list()
                .ofMaxSize(256)
                .map(cps -> {
                    StringBuilder b = new StringBuilder();
                    cps.forEach(b::appendCodePoint);
                    return b.toString();
                });
        return Arbitraries.oneOf(text, planes, plainId(), collidingFamily().map(l -> l.get(0)));
    }

    @Provide
    Arbitrary<String> plainId() {
        Arbitrary<String> run = Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('0', '9')
                .ofMinLength(1)
                .ofMaxLength(8);
        Arbitrary<String> sep = Arbitraries.of(".", "_", "-");
        return run.list()
                .ofMinSize(1)
                .ofMaxSize(4)
                .flatMap(runs -> sep.list().ofSize(runs.size() - 1).map(seps -> {
                    StringBuilder b = new StringBuilder(runs.get(0));
                    for (int i = 1; i < runs.size(); i++)
                        b.append(seps.get(i - 1)).append(runs.get(i));
                    return b.toString();
                }))
                .filter(SafeName::isPlain);
    }

    /** A base id and its look-alikes: what lower-casing and replacing characters by '_' used to merge. */
    @Provide
    Arbitrary<List<String>> collidingFamily() {
        return Arbitraries.strings()
                .withCharRange('a', 'e')
                .withChars('/', '?', '_', '.', '~', ' ', '-', 'é', 'E')
                .ofMinLength(1)
                .ofMaxLength(10)
                .map(base -> List.of(
                        base,
                        base.toUpperCase(Locale.ROOT),
                        base.replace('/', '_'),
                        base.replace('?', '_'),
                        base.replace('_', '/'),
                        base.replace('.', '_'),
                        base.replace('~', '_'),
                        base.replace(' ', '_'),
                        base.replace('é', 'e'),
                        base.replace('-', '_'),
                        base + "--x",
                        base.replace('-', ' '),
                        "." + base,
                        base + ".",
                        "~" + base,
                        base.repeat(30),
                        base.repeat(30) + "x",
                        base + "\n",
                        base + "\uD800",
                        "\uFEFF" + base));
    }
}
