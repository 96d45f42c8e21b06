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
        LoadedRules rules;
        if (shortForm) {
            rules = ShortFormRules.parse(first, files);
        } else {
            List<String> warnings = new ArrayList<>();
            RouteTable table = RouteCompiler.compile(resources, warnings);
            rules = new LoadedRules(table, resources.count(), null, resources.notes(), warnings, files);
        }
        return rules.table().size() > 0 ? rules : withNothingOriginatedWarning(source, rules, files);
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
}
