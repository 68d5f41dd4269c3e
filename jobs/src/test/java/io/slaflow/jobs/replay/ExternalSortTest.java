package io.slaflow.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounded-memory sort under the replay's input sort and its output files (issue 25). */
class ExternalSortTest {
    @TempDir
    Path dir;

    /** A value and where it was added: the sort key is the value only, so equal values test stability. */
    record Item(int value, int added) {}

    private static final ExternalSort.RunFormat<Item> FORMAT = new ExternalSort.RunFormat<>() {
        @Override
        public void write(DataOutputStream out, Item i) throws IOException {
            out.writeInt(i.value());
            out.writeInt(i.added());
        }

        @Override
        public Item read(DataInputStream in) throws IOException {
            return new Item(in.readInt(), in.readInt());
        }
    };
    private static final Comparator<Item> BY_VALUE = Comparator.comparingInt(Item::value);

    private static List<Item> items(int n) {
        Random random = new Random(25);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < n; i++) items.add(new Item(random.nextInt(50), i));
        return items;
    }

    /** Sorts with a spill every {@code perRun} records (0: never). */
    private List<Item> sort(List<Item> items, int perRun, java.util.function.Function<Item, Object> key)
            throws IOException {
        List<Item> out = new ArrayList<>();
        try (ExternalSort<Item> sort = new ExternalSort<>(dir.resolve("w"), "items", BY_VALUE, FORMAT, key)) {
            for (Item i : items) {
                if (perRun > 0 && sort.held() >= perRun) sort.spill();
                sort.add(i, 1);
            }
            sort.drain(out::add);
        }
        return out;
    }

    private List<String> folder() throws IOException {
        if (!Files.exists(dir.resolve("w"))) return List.of();
        try (var s = Files.list(dir.resolve("w"))) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void manyRunsInSeveralMergeRoundsSortStablyAsAListDoes() throws Exception {
        List<Item> items = items(1_000);
        List<Item> expected = new ArrayList<>(items);
        expected.sort(BY_VALUE);

        // 3 a run: 334 runs, more than one round of MAX_FAN_IN
        assertThat(sort(items, 3, null)).containsExactlyElementsOf(expected);
        assertThat(folder()).as("every run removed once merged").isEmpty();
        assertThat(sort(items, 0, null)).containsExactlyElementsOf(expected);
    }

    @Test
    void onePerKeyKeepsTheFirstOfEachKeyInTheOrderHoweverTheRunsWereCut() throws Exception {
        List<Item> items = items(1_000);
        List<Item> expected = new ArrayList<>();
        for (Item i : items) {
            if (expected.stream().noneMatch(e -> e.value() == i.value())) expected.add(i); // the first added per value
        }
        expected.sort(BY_VALUE);

        for (int perRun : new int[] {0, 1, 7, 100}) {
            assertThat(sort(items, perRun, Item::value)).as("runs of " + perRun).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void nothingTouchesTheDiskWhenNothingIsSpilled() throws Exception {
        try (ExternalSort<Item> sort = new ExternalSort<>(dir.resolve("w"), "items", BY_VALUE, FORMAT, null)) {
            sort.add(new Item(2, 0), 10);
            sort.add(new Item(1, 1), 10);
            assertThat(sort.held()).isEqualTo(20);
            List<Item> out = new ArrayList<>();
            sort.drain(out::add);
            assertThat(out).extracting(Item::value).containsExactly(1, 2);
            assertThat(sort.spilledRuns()).isZero();
        }
        assertThat(dir.resolve("w")).doesNotExist();
    }

    @Test
    void closeRemovesTheRunsOfASortThatFailedHalfWay() throws Exception {
        try (ExternalSort<Item> sort = new ExternalSort<>(dir.resolve("w"), "items", BY_VALUE, FORMAT, null)) {
            for (Item i : items(500)) {
                if (sort.held() >= 2) sort.spill();
                sort.add(i, 1);
            }
            assertThat(folder()).hasSize(249); // the last two still held
            assertThatThrownBy(() -> sort.drain(i -> {
                        throw new IOException("disk full");
                    }))
                    .hasMessage("disk full");
        }
        assertThat(folder()).as("runs and merge rounds' runs alike").isEmpty();
    }
}
