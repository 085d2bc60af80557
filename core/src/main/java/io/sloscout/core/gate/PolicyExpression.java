package io.sloscout.core.gate;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A CEL boolean expression from a gate policy, type-checked against the variables it may use. */
final class PolicyExpression {

  /** The variables an expression sees, by where it is used. */
  enum Scope {
    /** {@code overrides[].when}: only what is known before measuring. */
    SELECTOR,
    /** {@code rules[].when}: the SLO and what was measured. */
    RULE;

    Map<String, CelType> variables() {
      Map<String, CelType> vars = new LinkedHashMap<>();
      vars.put("slo", MapType.create(SimpleType.STRING, SimpleType.DYN));
      vars.put("now", SimpleType.TIMESTAMP);
      if (this == RULE) {
        vars.put("burnRates", MapType.create(SimpleType.STRING, SimpleType.DOUBLE));
        vars.put("errorRatios", MapType.create(SimpleType.STRING, SimpleType.DOUBLE));
        vars.put("budgetRemaining", SimpleType.DOUBLE);
        vars.put("events", SimpleType.DOUBLE);
      }
      return vars;
    }
  }

  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();
  private static final Map<Scope, CelCompiler> COMPILERS = compilers();

  private final String text;
  private final CelRuntime.Program program;

  private PolicyExpression(String text, CelRuntime.Program program) {
    this.text = text;
    this.program = program;
  }

  /**
   * Compiles {@code text}.
   *
   * @throws IllegalArgumentException with CEL's findings, each with its line and column inside the
   *     expression, when the text does not parse, uses an unknown variable or is not boolean
   */
  static PolicyExpression compile(String text, Scope scope) {
    CelValidationResult result = COMPILERS.get(scope).compile(text);
    if (result.hasError()) {
      List<String> issues = new ArrayList<>();
      boolean multiLine = text.strip().contains("\n");
      for (CelIssue i : result.getErrors()) {
        String where =
            multiLine ? "line " + i.getSourceLocation().getLine() + ", column " : "column ";
        issues.add(i.getMessage() + " (" + where + (i.getSourceLocation().getColumn() + 1) + ")");
      }
      String known = String.join(", ", scope.variables().keySet());
      throw new IllegalArgumentException(
          "invalid CEL: " + String.join("; ", issues) + "; variables here: " + known);
    }
    try {
      CelAbstractSyntaxTree ast = result.getAst();
      return new PolicyExpression(text, RUNTIME.createProgram(ast));
    } catch (CelValidationException | CelEvaluationException e) {
      throw new IllegalArgumentException("invalid CEL: " + e.getMessage(), e);
    }
  }

  /**
   * Evaluates the expression.
   *
   * @throws IllegalStateException with CEL's message when evaluation fails (a missing map key)
   */
  boolean test(Map<String, ?> variables) {
    try {
      Object result = program.eval(variables);
      // A dyn value (a label, say) passes the type check but may not be a boolean at run time.
      if (!(result instanceof Boolean b)) {
        throw new IllegalStateException("expected true or false, got " + result);
      }
      return b;
    } catch (CelEvaluationException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  String text() {
    return text;
  }

  private static Map<Scope, CelCompiler> compilers() {
    Map<Scope, CelCompiler> out = new java.util.EnumMap<>(Scope.class);
    for (Scope s : Scope.values()) {
      var b = CelCompilerFactory.standardCelCompilerBuilder().setResultType(SimpleType.BOOL);
      s.variables().forEach(b::addVar);
      out.put(s, b.build());
    }
    return out;
  }
}
