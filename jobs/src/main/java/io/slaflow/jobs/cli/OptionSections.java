package io.slaflow.jobs.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Shows a long option list in named sections ("Kafka:", "Time:", ...) in the usage help. The options stay plain
 * fields of the command: picocli's argument groups would give the same headings but also change parsing (a group's
 * options are instantiated and validated together, which repeatable options and {@code --config} defaults do not
 * survive), and here only the help should change. An option no section names is still shown, under "Other options:".
 */
final class OptionSections {
    private OptionSections() {}

    /** @param sections heading -> long option names, in the order they are shown */
    static void install(CommandLine command, Map<String, List<String>> sections) {
        command.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING, help -> "");
        command.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, help -> render(help, sections));
    }

    private static String render(CommandLine.Help help, Map<String, List<String>> sections) {
        var spec = help.commandSpec();
        Set<OptionSpec> shown = new LinkedHashSet<>();
        Map<String, List<OptionSpec>> byHeading = new LinkedHashMap<>();
        sections.forEach((heading, names) -> {
            List<OptionSpec> options = new ArrayList<>();
            for (String name : names) {
                OptionSpec o = spec.findOption(name);
                if (o != null && !o.hidden() && shown.add(o)) options.add(o);
            }
            byHeading.put(heading, options);
        });
        List<OptionSpec> rest = spec.options().stream()
                .filter(o -> !o.hidden() && !shown.contains(o))
                .toList();
        if (!rest.isEmpty()) byHeading.put("Other options", rest);

        StringBuilder out = new StringBuilder();
        byHeading.forEach((heading, options) -> {
            if (options.isEmpty()) return;
            CommandLine.Help.Layout layout = help.createDefaultLayout();
            layout.addAllOptions(options, help.createDefaultParamLabelRenderer());
            out.append(String.format("%n%s:%n", heading)).append(layout);
        });
        return out.toString();
    }
}
