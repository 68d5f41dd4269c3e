package io.slaflow.contract;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;

/**
 * An amount in one currency, kept exactly ({@link BigDecimal}): service credits are money owed under a contract, so a
 * figure must never drift through binary floating point.
 */
public record Money(BigDecimal amount, Currency currency) implements Serializable {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (amount.signum() < 0) throw new IllegalArgumentException("a fee is never negative: " + amount);
    }

    /**
     * Parses {@code "24000 USD"}, {@code "1250.50 EUR"} (amount, then an ISO 4217 code).
     *
     * @throws IllegalArgumentException with a message that says what is expected
     */
    public static Money parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException(
                    "expected an amount and a currency code, e.g. '24000 USD', not '" + text + "'");
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(parts[0].replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + parts[0] + "' is not an amount (expected e.g. 24000 or 1250.50)");
        }
        Currency currency;
        try {
            currency = Currency.getInstance(parts[1].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "'" + parts[1] + "' is not an ISO 4217 currency code (e.g. USD, EUR, GBP)");
        }
        if (amount.signum() < 0) throw new IllegalArgumentException("a monthly fee is never negative: " + text);
        return new Money(amount, currency);
    }

    /** {@code percent} % of this amount, rounded half-up to the currency's minor unit (cents). */
    public Money percent(BigDecimal percent) {
        BigDecimal v = amount.multiply(percent).divide(BigDecimal.valueOf(100));
        return new Money(v.setScale(Math.max(0, currency.getDefaultFractionDigits()), RoundingMode.HALF_UP), currency);
    }

    /** "USD 3,600.00": the code, then the amount with grouping, at the currency's minor unit. */
    public String display() {
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        return currency.getCurrencyCode() + " "
                + String.format(Locale.ROOT, "%,." + digits + "f", amount.setScale(digits, RoundingMode.HALF_UP));
    }
}
