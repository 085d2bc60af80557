package io.sloscout.core.plan;

/**
 * A change inside a file: a rule, a test case, a dashboard panel.
 *
 * @param kind add, change or remove
 * @param item what changes, e.g. {@code alert CheckoutErrorBudgetBurn {severity="critical"}}
 * @param detail which parts change (expr, labels, …), empty for adds and removes
 */
public record ItemChange(ChangeKind kind, String item, String detail) {}
