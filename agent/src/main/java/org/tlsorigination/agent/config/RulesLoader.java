package org.tlsorigination.agent.config;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tlsorigination.agent.route.RouteTable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a rules file, Istio resources (multi-document YAML) or the agent's short form, and compiles it into a
 * {@link RouteTable}.
 */
public final class RulesLoader {
    private static final int MAX_FILE_BYTES = 1 << 20;

    private RulesLoader() {
    }

    /** @throws ConfigException naming the file, and where it applies the line and field, of the first problem */
    public static LoadedRules load(Path file) throws ConfigException {
        String source = file.toString();
        List<YamlField> documents = documents(source, read(file, source));
        Path baseDirectory = file.toAbsolutePath().getParent();
        for (YamlField document : documents) {
            if (ShortFormRules.isShortForm(document)) {
                if (documents.size() > 1) {
                    YamlField other = documents.get(document == documents.get(0) ? 1 : 0);
                    throw other.error("a file holds either Istio resources or one short-form document ("
                            + String.join(", ", ShortFormRules.FIELDS) + "), not both; split it into two files");
                }
                return ShortFormRules.parse(document, baseDirectory);
            }
        }
        IstioResources resources = IstioResources.parse(documents, baseDirectory);
        List<String> warnings = new ArrayList<>();
        RouteTable table = RouteCompiler.compile(resources, warnings);
        return new LoadedRules(table, resources.count(), null, resources.notes(), warnings);
    }

    private static String read(Path file, String source) throws ConfigException {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ConfigException(source, 0, null, "rules file is larger than " + MAX_FILE_BYTES + " bytes");
            }
            // java.io, not Files: on recent JDKs a Files stream loads sun.nio.ch.SocketChannelImpl, which the guard
            // rewrites, and a rewritten type loaded before main would bring Byte Buddy in with it.
            try (InputStream in = new FileInputStream(file.toFile())) {
                return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(in.readAllBytes())).toString();
            }
        } catch (NoSuchFileException e) {
            throw new ConfigException(source, 0, null, "rules file not found", e);
        } catch (CharacterCodingException e) {
            throw new ConfigException(source, 0, null, "rules file is not UTF-8 text", e);
        } catch (IOException e) {
            throw new ConfigException(source, 0, null, "cannot read rules file: " + e, e);
        }
    }

    private static List<YamlField> documents(String source, String text) throws ConfigException {
        List<YamlField> documents = new ArrayList<>();
        try {
            for (Composer composer = composer(text); composer.checkNode(); ) {
                Node node = composer.getNode();
                // An empty document, such as one after a trailing "---", holds no resource.
                if (!Tag.NULL.equals(node.getTag())) {
                    documents.add(YamlField.document(source, node));
                }
            }
        } catch (MarkedYAMLException e) {
            // The context mark is where the broken construct began, which is where the mistake usually is.
            Mark start = e.getContextMark() != null ? e.getContextMark() : e.getProblemMark();
            Mark problem = e.getProblemMark();
            String context = e.getContext() == null ? "" : e.getContext() + ", ";
            String at = problem == null ? ""
                    : " (line " + (problem.getLine() + 1) + ", column " + (problem.getColumn() + 1) + ")";
            throw new ConfigException(source, start == null ? 0 : start.getLine() + 1, null,
                    "not valid YAML: " + context + e.getProblem() + at, e);
        } catch (YAMLException e) {
            throw new ConfigException(source, 0, null, "not valid YAML: " + e.getMessage(), e);
        }
        return documents;
    }

    /**
     * Composes nodes only, so no tag can construct an object; limits keep a hostile file from exhausting memory. A
     * composer alone, not the {@code Yaml} facade, which would load SnakeYAML's constructors, emitter and logging.
     */
    private static Composer composer(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(30);
        options.setCodePointLimit(MAX_FILE_BYTES);
        options.setTagInspector(tag -> false);
        return new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options), new Resolver(), options);
    }
}
