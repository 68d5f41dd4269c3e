package io.slaflow.jobs.cli;

import io.slaflow.jobs.replay.ReportSelection;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Converts a value of a closed set ({@link Choices}) by the spelling the user sees in the help, ignoring case, and
 * refuses anything else with exactly those spellings. Picocli's own enum conversion also lists the Java constant
 * names ({@code [EXACTLY_ONCE, exactly-once, ...]}), which is noise to the person reading it.
 */
final class ChoiceConverter<E extends Enum<E>> implements CommandLine.ITypeConverter<E> {
    private final Class<E> type;

    private ChoiceConverter(Class<E> type) {
        this.type = type;
    }

    /** Registers a converter for every closed set, on the command and all its subcommands. */
    static void registerAll(CommandLine cli) {
        register(cli, Choices.Delivery.class);
        register(cli, Choices.StateBackend.class);
        register(cli, Choices.StartingOffsets.class);
        register(cli, Choices.SmtpSecurity.class);
        register(cli, ReportSelection.class);
    }

    private static <E extends Enum<E>> void register(CommandLine cli, Class<E> type) {
        cli.registerConverter(type, new ChoiceConverter<>(type));
    }

    @Override
    public E convert(String value) {
        for (E e : type.getEnumConstants()) {
            if (e.toString().equalsIgnoreCase(value.strip())) {
                return e;
            }
        }
        throw new CommandLine.TypeConversionException("expected one of " + Arrays.toString(type.getEnumConstants())
                + " but was '" + value + "'" + hint(value));
    }

    /** {@code exactly_once} for {@code exactly-once}: say what was meant rather than accept it. */
    private String hint(String value) {
        String dashed = value.strip().replace('_', '-').toLowerCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.toString().equals(dashed)) return " (did you mean " + e + "?)";
        }
        return "";
    }
}
