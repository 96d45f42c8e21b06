package org.tlsorigination.agent.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tlsorigination.agent.files.FileKind;
import org.tlsorigination.agent.route.RouteTable;

/**
 * Reads a rules file, Istio resources (multi-document YAML) or the agent's short form, and compiles it into a
 * {@link RouteTable}.
 */
public final class RulesLoader {
    private RulesLoader() {
    }

    /** @throws ConfigException naming the file, and where it applies the line and field, of the first problem */
    public static LoadedRules load(Path file) throws ConfigException {
        String source = file.toString();
        Parsed parsed = parse(file);
        ReferencedFiles files = parsed.files;
        IstioResources resources = parsed.resources;
        LoadedRules rules;
        if (parsed.shortForm != null) {
            rules = ShortFormRules.parse(parsed.shortForm, files);
        } else {
            List<String> warnings = new ArrayList<>();
            RouteTable table = RouteCompiler.compile(resources, warnings);
            rules = new LoadedRules(table, resources.count(), null, resources.notes(), warnings, files);
        }
        return rules.table().size() > 0 ? rules : withNothingOriginatedWarning(source, rules, files);
    }

    /**
     * The resources or short-form entries of a valid file that decide a plain-text connection to host:port, found by
     * the same rules that compile the table; empty when nothing in the file declares it.
     *
     * @throws ConfigException as {@link #load} does, for a file that is not valid
     */
    public static List<DecidingResource> explain(Path file, String host, int port) throws ConfigException {
        Parsed parsed = parse(file);
        return parsed.shortForm != null ? ShortFormRules.explain(parsed.shortForm, parsed.files, host, port)
                : RouteCompiler.explain(parsed.resources, host, port);
    }

    /** Reads every document: Istio resources, or one short-form document, never both. */
    private static Parsed parse(Path file) throws ConfigException {
        String source = file.toString();
        YamlDocuments documents = new YamlDocuments(source, read(file, source));
        ReferencedFiles files = new ReferencedFiles(file.toAbsolutePath().getParent());
        IstioResources resources = new IstioResources(files);
        YamlField first = documents.next();
        boolean shortForm = first != null && ShortFormRules.isShortForm(first);
        if (first != null && !shortForm) {
            resources.add(first);
            first = first.detached();
        }
        for (YamlField document = documents.next(); document != null; document = documents.next()) {
            if (shortForm || ShortFormRules.isShortForm(document)) {
                throw (shortForm ? document : first).error("a file holds either Istio resources or one short-form "
                        + "document (" + String.join(", ", ShortFormRules.FIELDS) + "), not both; split it into two "
                        + "files");
            }
            resources.add(document);
        }
        return new Parsed(shortForm ? first : null, resources, files);
    }

    private static LoadedRules withNothingOriginatedWarning(String source, LoadedRules rules, ReferencedFiles files) {
        List<String> warnings = new ArrayList<>(rules.warnings());
        warnings.add(source + ": no rule sends any host and port over TLS, so nothing will be originated");
        return new LoadedRules(rules.table(), rules.resourceCount(), rules.outboundTrafficPolicy(), rules.notes(),
                warnings, files);
    }

    private static String read(Path file, String source) throws ConfigException {
        byte[] content;
        try {
            content = FileKind.RULES.read(file);
        } catch (IOException e) {
            throw new ConfigException(source, 0, null, FileKind.RULES.description() + " " + e.getMessage(), e);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(source, 0, null, "rules file is not UTF-8 text", e);
        }
    }

    /** A file read and checked document by document, not yet compiled. */
    private static final class Parsed {
        /** The short-form document, or null for a file of Istio resources. */
        final YamlField shortForm;
        final IstioResources resources;
        final ReferencedFiles files;

        Parsed(YamlField shortForm, IstioResources resources, ReferencedFiles files) {
            this.shortForm = shortForm;
            this.resources = resources;
            this.files = files;
        }
    }
}
