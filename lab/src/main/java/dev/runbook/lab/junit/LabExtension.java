package dev.runbook.lab.junit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.List;

/**
 * Brings the lab up once per test run ({@code lab/up}, idempotent) and never tears it down: other
 * test classes and other processes share it. Use {@code @ExtendWith(LabExtension.class)} and take a
 * {@link Lab} parameter in a constructor, lifecycle or test method.
 *
 * <p>"Once" is kept in the root extension-context store, so it holds for the whole JUnit run in
 * this JVM without static state.
 */
public final class LabExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LabExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        lab(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Lab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return lab(extensionContext);
    }

    private static Lab lab(ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent(Lab.class, k -> up(), Lab.class);
    }

    private static Lab up() {
        var root = LabScripts.repoRoot();
        LabScripts.run(root, List.of(root.resolve("lab/up").toString()), 20);
        return Lab.at(root);
    }
}
