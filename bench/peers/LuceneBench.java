// LuceneBench: Apache Lucene as a peer in the comparison harness (compare.py), compiled by it with
// javac against Debian's liblucene8-java. Fields `id` (stored, not analysed), `title` and `text`
// (stored, analysed by StandardAnalyzer without stop words, positions indexed); BM25Similarity,
// Lucene's default; every query word required in the title or the text.
//
//   java -cp ... LuceneBench index --index DIR [--ram-mb 256] [--store-text yes|no] CORPUS.jsonl...
//   java -cp ... LuceneBench merge --index DIR        (forceMerge(1))
//   java -cp ... LuceneBench search --index DIR (--batch FILE | --query TEXT) [--limit 10]
//   java -cp ... LuceneBench count --index DIR
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

public final class LuceneBench {
    private static final String USAGE =
        "usage: LuceneBench index --index DIR [--ram-mb N] [--store-text yes|no] CORPUS.jsonl...\n"
        + "       LuceneBench merge --index DIR\n"
        + "       LuceneBench search --index DIR (--batch FILE | --query TEXT) [--limit N]\n"
        + "       LuceneBench count --index DIR\n";

    private final Map<String, String> flags = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.print(USAGE);
            System.exit(2);
        }
        LuceneBench bench = new LuceneBench();
        try {
            for (int i = 1; i < args.length; ++i) {
                if (args[i].startsWith("--") && args[i].length() > 2) {
                    if (i + 1 >= args.length) throw new IllegalArgumentException(args[i] + " needs a value");
                    bench.flags.put(args[i].substring(2), args[++i]);
                } else {
                    bench.positional.add(args[i]);
                }
            }
            switch (args[0]) {
                case "index": bench.index(); break;
                case "merge": bench.merge(); break;
                case "search": bench.search(); break;
                case "count": bench.count(); break;
                default: throw new IllegalArgumentException("unknown mode '" + args[0] + "'");
            }
        } catch (IllegalArgumentException e) {
            System.err.print("LuceneBench: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
        } catch (Exception e) {
            System.err.println("LuceneBench: error: " + e);
            System.exit(1);
        }
    }

    private String require(String name) {
        String value = flags.get(name);
        if (value == null || value.isEmpty()) throw new IllegalArgumentException("--" + name + " is required");
        return value;
    }

    private static Analyzer analyzer() {
        return new StandardAnalyzer(CharArraySet.EMPTY_SET);
    }

    private Directory directory() throws IOException {
        return FSDirectory.open(Paths.get(require("index")));
    }

    private void index() throws IOException {
        if (positional.isEmpty()) throw new IllegalArgumentException("no corpus given");
        IndexWriterConfig config = new IndexWriterConfig(analyzer());
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        config.setRAMBufferSizeMB(Double.parseDouble(flags.getOrDefault("ram-mb", "256")));
        config.setSimilarity(new BM25Similarity());
        // Stored fields are compressed in blocks of many documents: with the text stored, reading
        // a hit's id and title decompresses the texts around it too.
        Field.Store storeText = flags.getOrDefault("store-text", "yes").equals("no") ? Field.Store.NO : Field.Store.YES;
        long articles = 0, skipped = 0;
        try (Directory dir = directory(); IndexWriter writer = new IndexWriter(dir, config)) {
            for (String path : positional) {
                try (BufferedReader in = Files.newBufferedReader(Paths.get(path), StandardCharsets.UTF_8)) {
                    String line;
                    long number = 0;
                    while ((line = in.readLine()) != null) {
                        ++number;
                        if (line.isBlank()) continue;
                        Map<String, String> fields = FlatJson.parse(line);
                        if (fields == null || !fields.containsKey("title") || !fields.containsKey("text")) {
                            ++skipped;
                            continue;
                        }
                        String id = fields.getOrDefault("id", "");
                        Document doc = new Document();
                        doc.add(new StringField("id", id.isEmpty() ? "line-" + number : id, Field.Store.YES));
                        doc.add(new TextField("title", fields.get("title"), Field.Store.YES));
                        doc.add(new TextField("text", fields.get("text"), storeText));
                        writer.addDocument(doc);
                        ++articles;
                    }
                }
            }
            writer.commit();
        }
        System.out.println("{\"articles\":" + articles + ",\"skipped\":" + skipped + "}");
    }

    private void merge() throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(analyzer());
        config.setOpenMode(IndexWriterConfig.OpenMode.APPEND);
        try (Directory dir = directory(); IndexWriter writer = new IndexWriter(dir, config)) {
            writer.forceMerge(1);
            writer.commit();
        }
    }

    private void count() throws IOException {
        try (Directory dir = directory(); DirectoryReader reader = DirectoryReader.open(dir)) {
            System.out.println(reader.numDocs());
        }
    }

    // The query's words and quoted phrases, each escaped for the classic query parser, which
    // analyses them as the index did; with AND as the default operator every item is required
    // in one of the two fields.
    static String luceneQuery(String text) {
        StringBuilder out = new StringBuilder();
        String[] parts = text.split("\"", -1);
        for (int i = 0; i < parts.length; ++i) {
            String part = parts[i].trim();
            if (part.isEmpty()) continue;
            boolean phrase = i % 2 == 1 && part.contains(" ");
            if (phrase) {
                out.append(" \"").append(QueryParser.escape(part)).append('"');
            } else {
                for (String word : part.split("\\s+")) out.append(' ').append(QueryParser.escape(word));
            }
        }
        return out.toString().trim();
    }

    private void search() throws IOException {
        List<String[]> queries = new ArrayList<>(); // {qid, text}
        if (flags.containsKey("batch")) {
            List<String> lines = Files.readAllLines(Paths.get(flags.get("batch")), StandardCharsets.UTF_8);
            for (int n = 0; n < lines.size(); ++n) {
                String line = lines.get(n);
                if (line.isBlank() || line.startsWith("#")) continue;
                int tab = line.indexOf('\t');
                queries.add(tab < 0 ? new String[] {String.valueOf(n + 1), line}
                                    : new String[] {line.substring(0, tab), line.substring(tab + 1)});
            }
        } else if (flags.containsKey("query")) {
            queries.add(new String[] {"1", flags.get("query")});
        } else {
            throw new IllegalArgumentException("give --batch FILE or --query TEXT");
        }
        int limit = Integer.parseInt(flags.getOrDefault("limit", "10"));
        try (Directory dir = directory(); DirectoryReader reader = DirectoryReader.open(dir)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new BM25Similarity());
            MultiFieldQueryParser parser = new MultiFieldQueryParser(new String[] {"title", "text"}, analyzer());
            parser.setDefaultOperator(QueryParser.Operator.AND);
            Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            for (String[] q : queries) {
                long start = System.nanoTime();
                List<String> ids = new ArrayList<>();
                String query = luceneQuery(q[1]);
                if (!query.isEmpty()) {
                    try {
                        Query parsed = parser.parse(query);
                        TopDocs top = searcher.search(parsed, limit);
                        for (ScoreDoc hit : top.scoreDocs) {
                            Document doc = searcher.doc(hit.doc);
                            ids.add(doc.get("id"));
                            doc.get("title");
                        }
                    } catch (ParseException e) {
                        System.err.println("LuceneBench: bad query '" + q[1] + "': " + e.getMessage());
                    }
                }
                double ms = (System.nanoTime() - start) / 1e6;
                StringBuilder line = new StringBuilder("{\"qid\":").append(FlatJson.quote(q[0]));
                line.append(",\"ms\":").append(String.format(java.util.Locale.ROOT, "%.6f", ms)).append(",\"ids\":[");
                for (int i = 0; i < ids.size(); ++i) line.append(i == 0 ? "" : ",").append(FlatJson.quote(ids.get(i)));
                out.write(line.append("]}\n").toString());
            }
            out.flush();
        }
    }

    /// The string fields of a JSON object (numbers kept as written, other values skipped), or
    /// null when the line is not a JSON object.
    static final class FlatJson {
        private final String s;
        private int at;

        private FlatJson(String s) {
            this.s = s;
        }

        static Map<String, String> parse(String line) {
            FlatJson p = new FlatJson(line);
            try {
                return p.object();
            } catch (RuntimeException e) {
                return null;
            }
        }

        static String quote(String value) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : value.toCharArray()) {
                if (c == '"' || c == '\\') out.append('\\').append(c);
                else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                else out.append(c);
            }
            return out.append('"').toString();
        }

        private void space() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) ++at;
        }

        private char next() {
            space();
            if (at >= s.length()) throw new IllegalStateException("unexpected end");
            return s.charAt(at);
        }

        private void expect(char c) {
            if (next() != c) throw new IllegalStateException("expected " + c);
            ++at;
        }

        private Map<String, String> object() {
            Map<String, String> fields = new HashMap<>();
            expect('{');
            if (next() == '}') return fields;
            while (true) {
                String key = string();
                expect(':');
                char c = next();
                if (c == '"') fields.put(key, string());
                else if (c == '-' || (c >= '0' && c <= '9')) fields.put(key, scalar());
                else skipValue();
                if (next() == ',') {
                    ++at;
                    continue;
                }
                expect('}');
                return fields;
            }
        }

        private String scalar() {
            int start = at;
            while (at < s.length() && ",}] \t".indexOf(s.charAt(at)) < 0) ++at;
            return s.substring(start, at);
        }

        private void skipValue() {
            char c = next();
            if (c == '"') {
                string();
            } else if (c == '{' || c == '[') {
                char close = c == '{' ? '}' : ']';
                ++at;
                if (next() == close) {
                    ++at;
                    return;
                }
                while (true) {
                    if (c == '{') {
                        string();
                        expect(':');
                    }
                    skipValue();
                    if (next() == ',') {
                        ++at;
                        continue;
                    }
                    expect(close);
                    return;
                }
            } else {
                scalar();
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = s.charAt(at++);
                if (c == '"') return out.toString();
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = s.charAt(at++);
                switch (e) {
                    case 'n': out.append('\n'); break;
                    case 't': out.append('\t'); break;
                    case 'r': out.append('\r'); break;
                    case 'b': out.append('\b'); break;
                    case 'f': out.append('\f'); break;
                    case 'u':
                        out.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
                        at += 4;
                        break;
                    default: out.append(e);
                }
            }
        }
    }
}
