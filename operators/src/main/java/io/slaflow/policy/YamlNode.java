package io.slaflow.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node with its field path, reading values and reporting every problem at the node's line and column.
 * Reading never throws: a wrong value is reported and comes back as null (or empty), so one pass over the
 * file finds all problems.
 */
final class YamlNode {
    private final Node node;
    private final String path;
    private final Problems problems;

    YamlNode(Node node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** Collects problems for one source. */
    static final class Problems {
        final String source;
        final List<PolicyProblem> list = new ArrayList<>();

        Problems(String source) {
            this.source = source;
        }

        void add(Node at, String field, String message) {
            int line = at == null ? 0 : at.getStartMark().getLine() + 1;
            int column = at == null ? 0 : at.getStartMark().getColumn() + 1;
            list.add(new PolicyProblem(source, line, column, field, message));
        }
    }

    String path() {
        return path;
    }

    Node node() {
        return node;
    }

    void problem(String message) {
        problems.add(node, path, message);
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    boolean isSequence() {
        return node instanceof SequenceNode;
    }

    boolean isScalar() {
        return node instanceof ScalarNode;
    }

    /** The entries of a mapping in file order; reports non-mappings, duplicate keys and keys not in {@code allowed}. */
    Map<String, YamlNode> entries(Set<String> allowed) {
        Map<String, YamlNode> out = new LinkedHashMap<>();
        if (!(node instanceof MappingNode mapping)) {
            problem("expected a mapping (key: value lines), found " + describe());
            return out;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode keyScalar)) {
                problems.add(keyNode, path, "keys must be plain text");
                continue;
            }
            String key = keyScalar.getValue();
            String childPath = path.isEmpty() ? key : path + "." + key;
            if (out.containsKey(key)) {
                problems.add(keyNode, childPath, "duplicate key '" + key + "'");
                continue;
            }
            if (allowed != null && !allowed.contains(key)) {
                problems.add(
                        keyNode, childPath, "unknown field '" + key + "'; allowed here: " + String.join(", ", allowed));
                continue;
            }
            out.put(key, new YamlNode(tuple.getValueNode(), childPath, problems));
        }
        return out;
    }

    /**
     * The text of the scalar under {@code key} when this is a mapping that has one, without reporting anything
     * (used to name a list item by its id before reading it).
     */
    String peekText(String key) {
        if (!(node instanceof MappingNode mapping)) return null;
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k
                    && key.equals(k.getValue())
                    && tuple.getValueNode() instanceof ScalarNode v) {
                String t = v.getValue();
                return t == null || t.isBlank() || "null".equals(t) || "~".equals(t) ? null : t.trim();
            }
        }
        return null;
    }

    List<YamlNode> items() {
        List<YamlNode> out = new ArrayList<>();
        if (!(node instanceof SequenceNode seq)) {
            problem("expected a list, found " + describe());
            return out;
        }
        List<Node> values = seq.getValue();
        for (int i = 0; i < values.size(); i++) {
            out.add(new YamlNode(values.get(i), path + "[" + i + "]", problems));
        }
        return out;
    }

    /** A scalar's text; null (reported) when this is not a scalar or is empty. */
    String text() {
        if (!(node instanceof ScalarNode scalar)) {
            problem("expected a single value, found " + describe());
            return null;
        }
        String v = scalar.getValue();
        if (v == null || v.isBlank() || "null".equals(v) || "~".equals(v)) {
            problem("must not be empty: a value is expected here");
            return null;
        }
        return v.trim();
    }

    /** Either a single scalar or a list of scalars, as a list. */
    List<String> texts() {
        List<String> out = new ArrayList<>();
        if (node instanceof ScalarNode) {
            String t = text();
            if (t != null) out.add(t);
            return out;
        }
        for (YamlNode item : items()) {
            String t = item.text();
            if (t != null) out.add(t);
        }
        return out;
    }

    /** Converts the text, reporting the converter's message at this node. */
    <T> T parse(Function<String, T> parser) {
        String t = text();
        if (t == null) return null;
        try {
            return parser.apply(t);
        } catch (RuntimeException e) {
            problem(e.getMessage() == null ? "invalid value '" + t + "'" : e.getMessage());
            return null;
        }
    }

    boolean bool() {
        String t = text();
        if (t == null) return false;
        switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> {
                return true;
            }
            case "false", "no", "off" -> {
                return false;
            }
            default -> {
                problem("expected true or false, found '" + t + "'");
                return false;
            }
        }
    }

    /** A child's path for an item that has an id, e.g. {@code tiers[P2]}. */
    YamlNode withPath(String newPath) {
        return new YamlNode(node, newPath, problems);
    }

    static Set<String> keys(String... keys) {
        return new java.util.LinkedHashSet<>(List.of(keys));
    }

    static Set<String> newSeen() {
        return new HashSet<>();
    }

    /**
     * What the node is, for a shape error. A scalar is quoted shortened to one line; the whole document as one scalar
     * (any text file that is not YAML mappings, {@code /etc/passwd} say) is not quoted at all: its content is not ours
     * to print.
     */
    private String describe() {
        if (node instanceof MappingNode) return "a mapping";
        if (node instanceof SequenceNode) return "a list";
        if (node instanceof ScalarNode s) {
            if (path.isEmpty())
                return "a single text value of " + s.getValue().length() + " characters (is this a policy file?)";
            String v = s.getValue();
            int cut = v.indexOf('\n');
            if (cut >= 0 || v.length() > 40) return "'" + v.substring(0, Math.min(cut >= 0 ? cut : 40, 40)) + "...'";
            return "'" + v + "'";
        }
        return "nothing";
    }
}
