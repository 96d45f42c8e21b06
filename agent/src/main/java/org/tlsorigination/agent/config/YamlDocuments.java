package org.tlsorigination.agent.config;

import java.io.StringReader;
import org.tlsorigination.agent.files.FileKind;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The documents of a rules file, composed one at a time so that only one is ever held as YAML nodes, within limits
 * that keep a file of any shape to bounded time and memory: nesting, aliases, documents, values per document, and
 * the length of one value. Only nodes are composed, so no tag can construct an object.
 */
final class YamlDocuments {
    static final int MAX_DOCUMENTS = 20_000;
    static final int MAX_VALUES_PER_DOCUMENT = 100_000;
    /** The YAML reader copies a value's characters once per kilobyte it reads, so a huge value would cost squares. */
    static final int MAX_VALUE_LENGTH = 1 << 16;

    private final String source;
    private final String text;
    private final Composer composer;

    YamlDocuments(String source, String text) throws ConfigException {
        this.source = source;
        this.text = text;
        checkValueLengths();
        composer = new Composer(new CountingParser(new ParserImpl(new StreamReader(new StringReader(text)),
                options())), new Resolver(), options());
    }

    /** The next document that holds something, or null after the last. */
    YamlField next() throws ConfigException {
        try {
            while (composer.checkNode()) {
                Node node = composer.getNode();
                // An empty document, such as one after a trailing "---", holds no resource.
                if (!Tag.NULL.equals(node.getTag())) {
                    return YamlField.document(source, node);
                }
            }
            return null;
        } catch (OverLimit e) {
            throw new ConfigException(source, e.line, null, e.getMessage());
        } catch (MarkedYAMLException e) {
            // The context mark is where the broken construct began, which is where the mistake usually is.
            Mark start = e.getContextMark() != null ? e.getContextMark() : e.getProblemMark();
            Mark problem = e.getProblemMark();
            String context = e.getContext() == null ? "" : e.getContext() + ", ";
            String at = problem == null ? ""
                    : " (line " + (problem.getLine() + 1) + ", column " + (problem.getColumn() + 1) + ")";
            throw new ConfigException(source, start == null ? 0 : start.getLine() + 1, null,
                    "not valid YAML: " + oneLine(context + e.getProblem()) + at, e);
        } catch (ReaderException e) {
            int offset = text.offsetByCodePoints(0, Math.min(e.getPosition(), text.codePointCount(0, text.length())));
            throw new ConfigException(source, lineAt(offset), null,
                    "not valid YAML: " + e.getMessage() + String.format(" (U+%04X)", e.getCodePoint()), e);
        } catch (YAMLException e) {
            throw new ConfigException(source, 0, null, "not valid YAML: " + oneLine(e.getMessage()), e);
        }
    }

    private static String oneLine(String text) {
        return String.valueOf(text).replaceAll("\\s*\\R\\s*", " ");
    }

    private void checkValueLengths() throws ConfigException {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean breaksAValue = c <= ' ' || c == ',' || c == '[' || c == ']' || c == '{' || c == '}' || c == '"'
                    || c == '\'' || c == '\\';
            run = breaksAValue ? 0 : run + 1;
            if (run > MAX_VALUE_LENGTH) {
                throw new ConfigException(source, lineAt(i), null, "holds a value of more than " + MAX_VALUE_LENGTH
                        + " characters; no field takes one that long");
            }
        }
    }

    private int lineAt(int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Limits keep a hostile file from exhausting memory or stack; tags are refused while parsing. */
    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(30);
        options.setCodePointLimit(FileKind.RULES.maxBytes());
        options.setTagInspector(tag -> false);
        return options;
    }

    /** A limit of this class, met while the YAML is parsed; the line is where. */
    private static final class OverLimit extends YAMLException {
        private static final long serialVersionUID = 1L;
        private final int line;

        OverLimit(Event event, String problem) {
            super(problem);
            this.line = event.getStartMark() == null ? 0 : event.getStartMark().getLine() + 1;
        }
    }

    /** Counts documents and values as the composer takes them, and stops it when there are too many. */
    private static final class CountingParser implements Parser {
        private final Parser parser;
        private int documents;
        private int values;

        CountingParser(Parser parser) {
            this.parser = parser;
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            return parser.checkEvent(choice);
        }

        @Override
        public Event peekEvent() {
            return parser.peekEvent();
        }

        @Override
        public Event getEvent() {
            Event event = parser.getEvent();
            if (event.is(Event.ID.DocumentStart)) {
                values = 0;
                if (++documents > MAX_DOCUMENTS) {
                    throw new OverLimit(event, "holds more than " + MAX_DOCUMENTS + " YAML documents");
                }
            } else if (event.is(Event.ID.Scalar) || event.is(Event.ID.MappingStart)
                    || event.is(Event.ID.SequenceStart) || event.is(Event.ID.Alias)) {
                if (++values > MAX_VALUES_PER_DOCUMENT) {
                    throw new OverLimit(event, "holds more than " + MAX_VALUES_PER_DOCUMENT + " values in one YAML "
                            + "document; split it into several resources");
                }
            }
            return event;
        }
    }
}
