package dev.runbook.engine.template;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.extension.Extension;
import io.pebbletemplates.pebble.extension.core.DisallowExtensionCustomizerBuilder;
import io.pebbletemplates.pebble.loader.Loader;

import java.io.Reader;
import java.util.List;

/**
 * The one place that configures Pebble for runbooks, so the renderer and the analyzer agree on the
 * language: strict variables, no HTML escaping, newlines kept, and no tag that loads or defines
 * other templates (a runbook value must never pull in files or evaluate text held in a variable).
 */
final class PebbleSetup {

    /** Tags removed from the language: they load templates by name, or exist only for HTML pages. */
    static final List<String> DISALLOWED_TAGS = List.of(
            "include", "import", "from", "extends", "embed", "block", "macro",
            "parallel", "cache", "flush", "autoescape");

    /** Core functions that only make sense with template inheritance or message bundles. */
    static final List<String> DISALLOWED_FUNCTIONS = List.of("block", "parent", "i18n");

    private PebbleSetup() {
    }

    static PebbleEngine engine(List<Extension> extensions) {
        return new PebbleEngine.Builder()
                .loader(new RefusingLoader())
                .strictVariables(true)
                .autoEscaping(false)
                .newLineTrimming(false)
                // templates are compiled and cached by PebbleTemplateEngine, keyed by their text
                .cacheActive(false)
                .extension(extensions.toArray(new Extension[0]))
                .registerExtensionCustomizer(new DisallowExtensionCustomizerBuilder()
                        .disallowedTokenParserTags(DISALLOWED_TAGS)
                        .disallowedFunctionKeys(DISALLOWED_FUNCTIONS)
                        .build())
                .build();
    }

    /** Templates are only ever compiled from literal text; any lookup by name is refused. */
    static final class RefusingLoader implements Loader<String> {
        @Override
        public Reader getReader(String cacheKey) {
            throw new IllegalStateException("templates cannot load other templates (asked for '" + cacheKey + "')");
        }

        @Override
        public void setCharset(String charset) {
        }

        @Override
        public void setPrefix(String prefix) {
        }

        @Override
        public void setSuffix(String suffix) {
        }

        @Override
        public String resolveRelativePath(String relativePath, String anchorPath) {
            return relativePath;
        }

        @Override
        public String createCacheKey(String templateName) {
            return templateName;
        }

        @Override
        public boolean resourceExists(String templateName) {
            return false;
        }
    }
}
