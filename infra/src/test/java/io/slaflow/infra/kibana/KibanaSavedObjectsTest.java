package io.slaflow.infra.kibana;

import static io.slaflow.infra.kibana.KibanaResources.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The shipped Kibana saved objects are well-formed for {@code POST /api/saved_objects/_import}, every reference
 * resolves inside the file, every field exists in the index template, and each Lens panel asks the same question as
 * its Elasticsearch panel query (which {@code KibanaPanelQueriesIT} runs against a real node), so the two cannot drift.
 */
class KibanaSavedObjectsTest {
    static final List<String> PANELS = KibanaResources.PANELS;

    @Test
    void everyLineIsASavedObjectWithAUniqueIdAndAKibana8MigrationVersion() {
        String[] lines = text(SAVED_OBJECTS).split("\n");
        assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}"));
        List<JsonNode> objects = savedObjects();
        assertThat(objects).hasSize(lines.length);
        Set<String> keys = new HashSet<>();
        for (JsonNode o : objects) {
            assertThat(o.path("type").asText()).isIn("index-pattern", "lens", "dashboard");
            assertThat(keys.add(o.path("type").asText() + "/" + o.path("id").asText()))
                    .as("duplicate %s", o.path("id"))
                    .isTrue();
            assertThat(o.path("id").asText()).startsWith("slaflow-");
            assertThat(o.path("coreMigrationVersion").asText()).startsWith("8.");
            assertThat(o.path("typeMigrationVersion").asText()).matches("[78]\\.\\d+\\.\\d+");
            assertThat(o.path("attributes").path("title").asText()).isNotBlank();
        }
    }

    @Test
    void everyReferenceResolvesToAnObjectInTheFile() {
        List<JsonNode> objects = savedObjects();
        Set<String> present = new HashSet<>();
        objects.forEach(
                o -> present.add(o.path("type").asText() + "/" + o.path("id").asText()));
        int references = 0;
        for (JsonNode o : objects) {
            for (JsonNode ref : o.path("references")) {
                assertThat(present)
                        .as("%s references %s", o.path("id").asText(), ref)
                        .contains(
                                ref.path("type").asText() + "/" + ref.path("id").asText());
                references++;
            }
        }
        // a data view per lens layer (the rolling adherence chart has a goal-line layer), a lens per dashboard panel,
        // a data view per control
        assertThat(references).isEqualTo(PANELS.size() * 2 + 1 + 2);
    }

    @Test
    void dataViewsCoverTheIndicesWithTheirTimeFields() {
        Map<String, String> timeFieldById = new HashMap<>();
        savedObjects().stream()
                .filter(o -> o.path("type").asText().equals("index-pattern"))
                .forEach(o -> {
                    JsonNode a = o.path("attributes");
                    timeFieldById.put(
                            o.path("id").asText(),
                            a.path("title").asText() + "@"
                                    + a.path("timeFieldName").asText(""));
                    if (a.has("timeFieldName")) {
                        assertThat(mappedFields(a.path("title").asText()))
                                .containsEntry(a.path("timeFieldName").asText(), "date");
                    }
                });
        assertThat(timeFieldById)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "slaflow-adherence-dataview", "sla-adherence@bucketStart",
                        "slaflow-adherence-rolling-dataview", "sla-adherence@updatedAt",
                        "slaflow-dead-letters-dataview", "sla-dead-letters@rejectedAt",
                        "slaflow-events-dataview", "sla-events@firedAt",
                        "slaflow-tickets-dataview", "sla-tickets@updatedAt",
                        "slaflow-tickets-state-dataview", "sla-tickets@",
                        "slaflow-reports-dataview", "sla-reports@generatedAt"));
    }

    @Test
    void theDashboardShowsEveryPanelByReferenceWithoutOverlaps() {
        JsonNode dashboard = savedObject("dashboard", DASHBOARD_ID);
        JsonNode panels = json(dashboard.at("/attributes/panelsJSON").asText());
        json(dashboard.at("/attributes/optionsJSON").asText());
        json(dashboard.at("/attributes/kibanaSavedObjectMeta/searchSourceJSON").asText());
        Map<String, String> refs = new HashMap<>();
        dashboard
                .path("references")
                .forEach(r -> refs.put(
                        r.path("name").asText(),
                        r.path("type").asText() + "/" + r.path("id").asText()));

        List<String> shown = new ArrayList<>();
        List<int[]> boxes = new ArrayList<>();
        for (JsonNode p : panels) {
            String index = p.path("panelIndex").asText();
            assertThat(p.path("type").asText()).isEqualTo("lens");
            assertThat(p.at("/gridData/i").asText()).isEqualTo(index);
            assertThat(p.path("embeddableConfig").isObject()).isTrue();
            // Kibana 8.7+ names a by-reference panel's reference "<panelIndex>:<panelRefName>"
            assertThat(refs).containsEntry(index + ":" + p.path("panelRefName").asText(), "lens/slaflow-lens-" + index);
            shown.add(index);
            JsonNode g = p.path("gridData");
            int[] box = {
                g.path("x").asInt(),
                g.path("y").asInt(),
                g.path("w").asInt(),
                g.path("h").asInt()
            };
            assertThat(box[0] + box[2]).as("dashboard grid is 48 wide").isLessThanOrEqualTo(48);
            for (int[] other : boxes) {
                boolean overlap = box[0] < other[0] + other[2]
                        && other[0] < box[0] + box[2]
                        && box[1] < other[1] + other[3]
                        && other[1] < box[1] + box[3];
                assertThat(overlap).as("panel %s overlaps another", index).isFalse();
            }
            boxes.add(box);
        }
        assertThat(shown).containsExactlyInAnyOrderElementsOf(PANELS);
    }

    @ParameterizedTest
    @FieldSource("PANELS")
    void lensLayersAreWellFormed(String panel) {
        JsonNode lens = lens(panel);
        JsonNode layers = lens.at("/attributes/state/datasourceStates/formBased/layers");
        List<String> layerIds = new ArrayList<>();
        layers.fieldNames().forEachRemaining(layerIds::add);
        List<String> refNames = new ArrayList<>();
        lens.path("references").forEach(r -> refNames.add(r.path("name").asText()));
        assertThat(refNames)
                .containsExactlyInAnyOrderElementsOf(layerIds.stream()
                        .map(l -> "indexpattern-datasource-layer-" + l)
                        .toList());
        assertThat(lens.path("references").findValuesAsText("id"))
                .as("every layer reads the same data view")
                .containsOnly(dataViewOf(lens).path("id").asText());
        JsonNode columns = lensColumns(lens);
        Set<String> ids = new HashSet<>();
        columns.fieldNames().forEachRemaining(ids::add);
        List<String> order = new ArrayList<>();
        for (String layerId : layerIds) layers.path(layerId).path("columnOrder").forEach(c -> order.add(c.asText()));
        assertThat(order).containsExactlyInAnyOrderElementsOf(ids);
        columns.elements().forEachRemaining(c -> {
            c.path("references").forEach(r -> assertThat(ids).contains(r.asText()));
            c.at("/params/tinymathAst/args").forEach(a -> {
                if (a.isTextual()) assertThat(ids).contains(a.asText());
            });
            if (c.at("/params/orderBy/type").asText().equals("column"))
                assertThat(ids).contains(c.at("/params/orderBy/columnId").asText());
        });
        // what the visualization draws must be columns of the layer
        JsonNode vis = lens.at("/attributes/state/visualization");
        List<String> drawn = new ArrayList<>();
        vis.path("layers").forEach(l -> {
            assertThat(layerIds).contains(l.path("layerId").asText());
            if (l.has("xAccessor")) drawn.add(l.path("xAccessor").asText());
            l.path("accessors").forEach(a -> drawn.add(a.asText()));
            if (l.has("splitAccessor")) drawn.add(l.path("splitAccessor").asText());
        });
        vis.path("columns").forEach(c -> drawn.add(c.path("columnId").asText()));
        if (vis.has("sorting")) drawn.add(vis.at("/sorting/columnId").asText());
        assertThat(drawn).isNotEmpty();
        assertThat(ids).containsAll(drawn);
    }

    @ParameterizedTest
    @FieldSource("PANELS")
    void everyFieldAPanelUsesIsMappedInItsIndexTemplate(String panel) {
        JsonNode lens = lens(panel);
        String index = dataViewOf(lens).at("/attributes/title").asText();
        Map<String, String> mapped = mappedFields(index);
        assertThat(mapped.keySet()).containsAll(lensFields(lens));
        assertThat(mapped.keySet()).containsAll(queryFields(panelQuery(panel).path("body")));
        lensColumns(lens).elements().forEachRemaining(c -> {
            String field = c.path("sourceField").asText("");
            if (field.isEmpty() || field.equals("___records___")) return;
            String type = mapped.get(field);
            switch (c.path("operationType").asText()) {
                case "sum" -> assertThat(type).as(field).isIn("long", "integer", "double");
                case "date_histogram" -> assertThat(type).as(field).isEqualTo("date");
                case "terms" -> assertThat(type).as(field).isEqualTo("keyword");
                case "last_value" -> assertThat(type).as(field).isIn("keyword", "boolean", "date", "long", "integer");
                case "min", "max" -> assertThat(type).as(field).isIn("date", "long", "integer", "double");
                default -> throw new AssertionError("unexpected operation in " + panel + ": " + c);
            }
        });
    }

    @ParameterizedTest
    @FieldSource("PANELS")
    void lensPanelAndPanelQueryAskTheSameQuestion(String panel) {
        JsonNode lens = lens(panel);
        JsonNode query = panelQuery(panel);
        JsonNode dataView = dataViewOf(lens);
        assertThat(query.path("panel").asText()).isEqualTo(lens.path("id").asText());
        assertThat(query.path("index").asText())
                .isEqualTo(dataView.at("/attributes/title").asText());
        assertThat(query.path("timeField").asText(null))
                .isEqualTo(dataView.at("/attributes/timeFieldName").asText(null));
        assertThat(query.path("kql").asText()).isEqualTo(lensKql(lens));
        assertThat(queryFields(query.path("body"))).isEqualTo(lensFields(lens));
        // the KQL filter is the query's filter clause: same fields
        assertThat(queryFields(query.at("/body/query"))).isEqualTo(kqlFields(lensKql(lens)));

        // every Lens bucket has its aggregation: same field, size and interval
        List<JsonNode> aggs = new ArrayList<>();
        collectAggs(query.at("/body/aggs"), aggs);
        lensColumns(lens).elements().forEachRemaining(c -> {
            switch (c.path("operationType").asText()) {
                case "terms" ->
                    assertThat(aggs)
                            .as("%s terms on %s", panel, c.path("sourceField"))
                            .anySatisfy(a -> {
                                assertThat(a.at("/terms/field").asText())
                                        .isEqualTo(c.path("sourceField").asText());
                                assertThat(a.at("/terms/size").asInt())
                                        .isEqualTo(c.at("/params/size").asInt());
                            });
                case "date_histogram" ->
                    assertThat(aggs).anySatisfy(a -> {
                        assertThat(a.at("/date_histogram/field").asText())
                                .isEqualTo(c.path("sourceField").asText());
                        assertThat(a.at("/date_histogram/calendar_interval").asText())
                                .isEqualTo(c.at("/params/interval").asText());
                    });
                case "sum", "min" ->
                    assertThat(aggs)
                            .anySatisfy(a -> assertThat(
                                            a.at("/" + c.path("operationType").asText() + "/field")
                                                    .asText())
                                    .isEqualTo(c.path("sourceField").asText()));
                default -> {}
            }
        });
    }

    @Test
    void theClientAndTierControlsFilterFieldsEveryPanelsIndexHas() {
        JsonNode dashboard = savedObject("dashboard", DASHBOARD_ID);
        JsonNode controls =
                json(dashboard.at("/attributes/controlGroupInput/panelsJSON").asText());
        List<String> fields = new ArrayList<>();
        controls.forEach(c -> {
            assertThat(c.path("type").asText()).isEqualTo("optionsListControl");
            fields.add(c.at("/explicitInput/fieldName").asText());
            assertThat(dashboard.path("references").findValuesAsText("name"))
                    .contains("controlGroup_" + c.at("/explicitInput/id").asText() + ":optionsListDataView");
        });
        assertThat(fields).containsExactly("clientId", "tier");
        for (String panel : PANELS) {
            String index = dataViewOf(lens(panel)).at("/attributes/title").asText();
            if (index.equals("sla-dead-letters") || index.equals("sla-reports"))
                continue; // no tier there: the control leaves them alone
            assertThat(mappedFields(index))
                    .as(panel)
                    .containsEntry("clientId", "keyword")
                    .containsEntry("tier", "keyword");
        }
    }

    private static void collectAggs(JsonNode aggs, List<JsonNode> out) {
        aggs.elements().forEachRemaining(a -> {
            out.add(a);
            if (a.has("aggs")) collectAggs(a.path("aggs"), out);
        });
    }
}
