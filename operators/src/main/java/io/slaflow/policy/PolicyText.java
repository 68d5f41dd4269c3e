package io.slaflow.policy;

import io.slaflow.event.StrictUtf8;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Every text of a policy must be Unicode text. YAML can write an unpaired surrogate as an escape ({@code "\\ud800"} in
 * a double-quoted scalar), and SnakeYAML hands it on; as a client's name it would reach the report renderer, whose XML
 * parser refuses it, and stop the report path of the job. As for events ({@code TicketEventDeserializer}), such text is
 * refused where it enters, with its line and column; the message does not quote it.
 */
final class PolicyText {
    private PolicyText() {}

    static void check(Node root, YamlNode.Problems problems) {
        Deque<Node> todo = new ArrayDeque<>();
        // an alias makes the same node appear again (YAML may even nest a node inside itself): each is looked at once
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        todo.push(root);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (!seen.add(n)) continue;
            if (n instanceof ScalarNode s) {
                int at = StrictUtf8.unpairedSurrogate(s.getValue());
                if (at >= 0) {
                    problems.add(
                            s,
                            "",
                            "this text holds an unpaired UTF-16 surrogate at character " + at
                                    + " (a \\uD800-\\uDFFF escape that is not half of a pair): it is not Unicode text");
                }
            } else if (n instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    todo.push(t.getValueNode());
                    todo.push(t.getKeyNode());
                }
            } else if (n instanceof SequenceNode q) {
                q.getValue().forEach(todo::push);
            }
        }
    }
}
