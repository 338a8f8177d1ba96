package dev.runbook.engine.template;

import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.node.ForNode;
import io.pebbletemplates.pebble.node.IfNode;
import io.pebbletemplates.pebble.node.NamedArgumentNode;
import io.pebbletemplates.pebble.node.Node;
import io.pebbletemplates.pebble.node.PositionalArgumentNode;
import io.pebbletemplates.pebble.node.PrintNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.RootNode;
import io.pebbletemplates.pebble.node.SetNode;
import io.pebbletemplates.pebble.node.TestInvocationExpression;
import io.pebbletemplates.pebble.node.expression.ArrayExpression;
import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.node.expression.ContextVariableExpression;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.node.expression.FilterExpression;
import io.pebbletemplates.pebble.node.expression.FilterInvocationExpression;
import io.pebbletemplates.pebble.node.expression.FunctionOrMacroInvocationExpression;
import io.pebbletemplates.pebble.node.expression.GetAttributeExpression;
import io.pebbletemplates.pebble.node.expression.MapExpression;
import io.pebbletemplates.pebble.node.expression.NegativeTestExpression;
import io.pebbletemplates.pebble.node.expression.PositiveTestExpression;
import io.pebbletemplates.pebble.node.expression.RenderableNodeExpression;
import io.pebbletemplates.pebble.node.expression.TernaryExpression;
import io.pebbletemplates.pebble.node.expression.UnaryExpression;
import io.pebbletemplates.pebble.utils.Pair;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Collects what a parsed template refers to: free root variables (not bound by {@code for} or
 * {@code set}), filters, functions and tests. A root is "guarded" where it is the input of
 * {@code default} or of an {@code is defined} test: there an undefined name is not an error.
 */
final class AstWalker {

    final Set<String> roots = new LinkedHashSet<>();
    final Set<String> unguardedRoots = new LinkedHashSet<>();
    final Set<String> definedTested = new LinkedHashSet<>();
    final Set<String> filters = new LinkedHashSet<>();
    final Set<String> functions = new LinkedHashSet<>();
    final Set<String> tests = new LinkedHashSet<>();

    void walk(RenderableNode node) {
        node(node, new HashSet<>());
    }

    private void node(Node node, Set<String> bound) {
        if (node instanceof RootNode root) {
            node(root.getBody(), bound);
        } else if (node instanceof BodyNode body) {
            // a {% set %} binds its name for the following siblings (Pebble scopes it to the body)
            Set<String> scope = new HashSet<>(bound);
            for (RenderableNode child : body.getChildren()) {
                node(child, scope);
                if (child instanceof SetNode set) {
                    scope.add(set.getName());
                }
            }
        } else if (node instanceof PrintNode print) {
            expr(print.getExpression(), bound, false);
        } else if (node instanceof IfNode ifNode) {
            for (Pair<Expression<?>, BodyNode> branch : ifNode.getConditionsWithBodies()) {
                expr(branch.getLeft(), bound, false);
                node(branch.getRight(), bound);
            }
            if (ifNode.getElseBody() != null) {
                node(ifNode.getElseBody(), bound);
            }
        } else if (node instanceof ForNode forNode) {
            expr(forNode.getIterable(), bound, false);
            Set<String> inner = new HashSet<>(bound);
            inner.add(forNode.getIterationVariable());
            inner.add("loop");
            node(forNode.getBody(), inner);
            if (forNode.getElseBody() != null) {
                node(forNode.getElseBody(), bound);
            }
        } else if (node instanceof SetNode set) {
            expr(set.getValue(), bound, false);
        } else if (node instanceof ArgumentsNode args) {
            args(args, bound);
        }
        // TextNode and the tags PebbleSetup disallows carry no references
    }

    private void expr(Expression<?> e, Set<String> bound, boolean guarded) {
        if (e == null) {
            return;
        }
        if (e instanceof ContextVariableExpression v) {
            String name = v.getName();
            if (!bound.contains(name)) {
                roots.add(name);
                if (!guarded) {
                    unguardedRoots.add(name);
                }
            }
        } else if (e instanceof GetAttributeExpression get) {
            expr(get.getNode(), bound, guarded);
            // a.b carries a literal name; a[b] refers to b, which must itself be defined
            expr(get.getAttributeNameExpression(), bound, false);
            args(get.getArgumentsNode(), bound);
        } else if (e instanceof FilterExpression filter) {
            Expression<?> right = filter.getRightExpression();
            boolean isDefault = right instanceof FilterInvocationExpression f && f.getFilterName().equals("default");
            expr(filter.getLeftExpression(), bound, guarded || isDefault);
            expr(right, bound, false);
        } else if (e instanceof PositiveTestExpression || e instanceof NegativeTestExpression) {
            BinaryExpression<?> test = (BinaryExpression<?>) e;
            Expression<?> right = test.getRightExpression();
            boolean isDefined = right instanceof TestInvocationExpression t && t.getTestName().equals("defined");
            if (isDefined && test.getLeftExpression() instanceof ContextVariableExpression v && !bound.contains(v.getName())) {
                definedTested.add(v.getName());
            }
            expr(test.getLeftExpression(), bound, guarded || isDefined);
            expr(right, bound, false);
        } else if (e instanceof FilterInvocationExpression f) {
            filters.add(f.getFilterName());
            args(f.getArgs(), bound);
        } else if (e instanceof FunctionOrMacroInvocationExpression f) {
            functions.add(f.getFunctionName());
            args(f.getArguments(), bound);
        } else if (e instanceof TestInvocationExpression t) {
            tests.add(t.getTestName());
            args(t.getArgs(), bound);
        } else if (e instanceof BinaryExpression<?> b) {
            expr(b.getLeftExpression(), bound, false);
            expr(b.getRightExpression(), bound, false);
        } else if (e instanceof RenderableNodeExpression r) {
            node(r.getNode(), bound);
        } else if (e instanceof UnaryExpression u) {
            expr(u.getChildExpression(), bound, false);
        } else if (e instanceof TernaryExpression t) {
            expr(t.getExpression1(), bound, false);
            expr(t.getExpression2(), bound, false);
            expr(t.getExpression3(), bound, false);
        } else if (e instanceof MapExpression m) {
            for (Map.Entry<Expression<?>, Expression<?>> entry : m.getEntries().entrySet()) {
                expr(entry.getKey(), bound, false);
                expr(entry.getValue(), bound, false);
            }
        } else if (e instanceof ArrayExpression a) {
            for (Expression<?> value : a.getValues()) {
                expr(value, bound, false);
            }
        }
        // literals refer to nothing
    }

    private void args(ArgumentsNode args, Set<String> bound) {
        if (args == null) {
            return;
        }
        if (args.getPositionalArgs() != null) {
            for (PositionalArgumentNode p : args.getPositionalArgs()) {
                expr(p.getValueExpression(), bound, false);
            }
        }
        if (args.getNamedArgs() != null) {
            for (NamedArgumentNode n : args.getNamedArgs()) {
                expr(n.getValueExpression(), bound, false);
            }
        }
    }
}
