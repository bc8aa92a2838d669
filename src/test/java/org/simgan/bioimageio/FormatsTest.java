package org.simgan.bioimageio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-made YAML and .npy readers and writers: round trips, the YAML styles other tools write, and errors. */
class FormatsTest {

    @Test
    void yamlRoundTripKeepsTypesAndOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "SimGAN: a \"refiner\"\nsecond line \\ tab\t");
        m.put("date_like", "2026-12-01T10:00:00+00:00");
        m.put("yes", "yes");
        m.put("int", 42);
        m.put("small", 2.0 / 255);
        m.put("big", 1e10);
        m.put("tiny", 1.5e-9);
        m.put("neg", -1.0);
        m.put("flag", true);
        m.put("none", null);
        m.put("empty_list", List.of());
        m.put("empty_map", Map.of());
        m.put("list", List.of(1, "two", List.of(3, 4), Map.of("k", "v")));
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("a", List.of(Map.of("id", "scale_linear"), Map.of("id", "clip")));
        inner.put("key with space", "x");
        m.put("nested", inner);
        String text = Yaml.write(m);
        Object back = Yaml.parse(text);
        Map<String, Object> expected = new LinkedHashMap<>(m);
        expected.put("int", 42L);
        expected.put("list", List.of(1L, "two", List.of(3L, 4L), Map.of("k", "v")));
        assertEquals(expected, back, text);
        assertEquals(List.copyOf(m.keySet()), List.copyOf(((Map<?, ?>) back).keySet()), "order kept");
        assertTrue(text.contains("big: 1.0e+10"), "an exponent with its sign, which PyYAML reads as a float: " + text);
    }

    @Test
    void yamlReadsTheStylesOtherToolsWrite() {
        String text = """
                # a comment
                ---
                format_version: 0.5.3
                type: model   # trailing comment
                name: 'It''s a model'
                tags: [a, "b c", 3, 4.5e-1, true, null]
                authors:
                - name: Ann
                  affiliation: Lab
                -   name: Bo
                cite:
                  - text: >
                      folded text
                      on two lines
                    doi: 10.1109/CVPR.2017.241
                documentation: |
                  line one
                    indented
                  line three
                description: a plain scalar
                  continued on the next line
                inputs:
                  - axes: [{type: batch}, {type: channel, channel_names: [c0]},
                           {type: space, id: y, size: {min: 64, step: 16}}]
                    id: raw
                nothing:
                url: https://example.org/a:b
                """;
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) Yaml.parse(text);
        assertEquals("0.5.3", d.get("format_version"));
        assertEquals("model", d.get("type"));
        assertEquals("It's a model", d.get("name"));
        assertEquals(java.util.Arrays.asList("a", "b c", 3L, 0.45, true, null), d.get("tags"));
        assertEquals(List.of(Map.of("name", "Ann", "affiliation", "Lab"), Map.of("name", "Bo")), d.get("authors"));
        assertEquals("folded text on two lines\n", ((Map<?, ?>) ((List<?>) d.get("cite")).get(0)).get("text"));
        assertEquals("10.1109/CVPR.2017.241", ((Map<?, ?>) ((List<?>) d.get("cite")).get(0)).get("doi"));
        assertEquals("line one\n  indented\nline three\n", d.get("documentation"));
        assertEquals("a plain scalar continued on the next line", d.get("description"));
        List<?> axes = (List<?>) ((Map<?, ?>) ((List<?>) d.get("inputs")).get(0)).get("axes");
        assertEquals(Map.of("min", 64L, "step", 16L), ((Map<?, ?>) axes.get(2)).get("size"));
        assertTrue(d.containsKey("nothing") && d.get("nothing") == null);
        assertEquals("https://example.org/a:b", d.get("url"));
    }

    @Test
    void yamlErrorsNameTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Yaml.parse("a: 1\nb: &anchor 2\n"));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("anchors"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Yaml.parse("a: [1, 2\n"));
        assertTrue(e.getMessage().contains("unclosed"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Yaml.parse("a: 1\na: 2\n"));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }

    @Test
    void npyRoundTripsEveryTypeWithNumpysLayout() {
        double[] v = {0, 1, 2, 255, 7, 8};
        for (String t : List.of("uint8", "uint16", "int16", "int32", "float32", "float64")) {
            byte[] bytes = Npy.write(new Npy.Array(t, new long[] {2, 1, 3}, v));
            int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
            assertEquals(0, (10 + headerLength) % 64, "data aligned to 64 bytes as NumPy writes it");
            String header = new String(bytes, 10, headerLength, java.nio.charset.StandardCharsets.US_ASCII);
            assertTrue(header.contains("'shape': (2, 1, 3)") && header.endsWith("\n"), header);
            Npy.Array a = Npy.read(bytes, "test");
            assertEquals(t, a.dtype());
            assertArrayEquals(new long[] {2, 1, 3}, a.shape());
            assertArrayEquals(v, a.values());
        }
        assertTrue(new String(Npy.write(new Npy.Array("uint8", new long[] {3}, new double[] {1, 2, 3}))).contains("(3,)"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.write(new Npy.Array("uint8", new long[] {1}, new double[] {256})));
        assertTrue(e.getMessage().contains("does not fit uint8"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Npy.read("not numpy".getBytes(), "x.npy"));
        assertTrue(e.getMessage().contains("x.npy is not a NumPy"), e.getMessage());
    }

    @Test
    void specOpsComputeAsFloat32AndCastsTruncate() {
        ProcessingOp scale = new ProcessingOp.ScaleLinear(2.0 / 255, -1);
        assertEquals(200f * (float) (2.0 / 255) - 1f, scale.apply(200f));
        assertEquals(3f, new ProcessingOp.EnsureDtype("uint8").apply(3.99f));
        assertEquals(255f, new ProcessingOp.EnsureDtype("uint8").apply(300f));
        assertEquals(0f, new ProcessingOp.Clip(0, 1).apply(-2f));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProcessingOp.parse(Map.of("id", "scale_range", "kwargs", Map.of()), "inputs[0].preprocessing[0]"));
        assertTrue(e.getMessage().contains("statistics") && e.getMessage().contains("inputs[0].preprocessing[0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ProcessingOp.parse(Map.of("id", "scale_linear", "kwargs", Map.of("axis", "channel", "gain", List.of(1.0, 2.0, 3.0))), "p"));
        assertTrue(e.getMessage().contains("3 values"), e.getMessage());
    }
}
