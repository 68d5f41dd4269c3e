package io.slaflow.simulate;

import java.io.StringReader;
import java.util.Locale;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The current policy with the swept target set to the sweep's answer, as YAML a user can review and simulate as a
 * candidate: the original text with exactly two values replaced in place (the tier's target, and the version id, since
 * a changed contract needs a new one), so comments, order and everything else stay as the user wrote them.
 *
 * @param fileName {@code sweep-P2.response.yaml}
 */
public record SweptPolicy(String fileName, String version, String yaml) {

    /**
     * @param currentYaml the current policy's text (valid: it was loaded)
     * @param target      the new target as a policy writes it, e.g. {@code 1h24m}
     * @throws IllegalArgumentException if the text has no such tier target (it would not have loaded)
     */
    public static SweptPolicy of(String currentYaml, SweepSpec spec, String target) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        MappingNode root = (MappingNode) new Yaml(options).compose(new StringReader(currentYaml));
        ScalarNode versionNode = scalar(value(root, "version"), "version");
        ScalarNode targetNode = scalar(
                value(tier(root, spec.tier()), spec.metric().name().toLowerCase(Locale.ROOT)),
                "tiers[" + spec.tier() + "]." + spec.metric().name().toLowerCase(Locale.ROOT));
        String version = versionNode.getValue() + "-sweep-" + spec.tier() + "-"
                + spec.metric().name().toLowerCase(Locale.ROOT) + "-" + target.replace(' ', '-');
        // the later node first, so the earlier one's offsets still hold
        ScalarNode first = versionNode.getStartMark().getIndex()
                        < targetNode.getStartMark().getIndex()
                ? versionNode
                : targetNode;
        ScalarNode second = first == versionNode ? targetNode : versionNode;
        String text = replace(currentYaml, second, second == versionNode ? version : target);
        text = replace(text, first, first == versionNode ? version : target);
        return new SweptPolicy("sweep-" + spec.label() + ".yaml", version, text);
    }

    private static String replace(String text, ScalarNode node, String value) {
        // marks count code points; the text is indexed by chars
        int start = text.offsetByCodePoints(0, node.getStartMark().getIndex());
        int end = text.offsetByCodePoints(0, node.getEndMark().getIndex());
        String written = switch (node.getScalarStyle()) {
            case DOUBLE_QUOTED -> "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            case SINGLE_QUOTED -> "'" + value.replace("'", "''") + "'";
            default -> value;
        };
        return text.substring(0, start) + written + text.substring(end);
    }

    private static MappingNode tier(MappingNode root, String tierId) {
        Node tiers = value(root, "tiers");
        if (tiers instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                if (item instanceof MappingNode m
                        && value(m, "id") instanceof ScalarNode id
                        && id.getValue().strip().equalsIgnoreCase(tierId)) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("the policy has no tier " + tierId);
    }

    private static Node value(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) return t.getValueNode();
        }
        return null;
    }

    private static ScalarNode scalar(Node node, String field) {
        if (node instanceof ScalarNode s) return s;
        throw new IllegalArgumentException("the policy states no " + field);
    }
}
