package org.simgan.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simgan.data.EyeDataset;
import org.simgan.data.SliceLabel;
import org.simgan.progress.Listener;

/**
 * evaluate's row of real images from other collections: when the real images name their collections, the held-out
 * ones that are not of the largest collection are tested against the same reference as every row.
 */
class OtherCollectionsTest {
    static final int H = IdentityRefinerTest.H, W = IdentityRefinerTest.W;

    /** {@code ds} with every label's source set to {@code source} (null: none). */
    static EyeDataset named(EyeDataset ds, String source) {
        SliceLabel[] labels = new SliceLabel[ds.size()];
        for (int i = 0; i < labels.length; i++) {
            SliceLabel l = ds.label(i);
            labels[i] = new SliceLabel(l.name(), l.gaze(), source == null ? List.of() : List.of(SliceLabel.SOURCE_KEY + source));
        }
        return ds.withLabels(labels);
    }

    static EyeDataset concat(EyeDataset a, EyeDataset b) {
        EyeDataset.Builder out = new EyeDataset.Builder(a.width(), a.height(), a.bitDepth());
        for (EyeDataset d : List.of(a, b)) for (int i = 0; i < d.size(); i++) out.add(d.pixels(i), d.label(i));
        return out.build();
    }

    @Test
    void aFewRealImagesOfAnotherCollectionGetTheirOwnRow(@TempDir Path dir) throws Exception {
        // the main collection as the synthetic images are drawn, the other one 80 grey levels brighter
        EyeDataset real = concat(named(TestSets.discs(300, H, W, 21, 0), "main"), named(TestSets.discs(60, H, W, 22, 80), "bright"));
        Evaluation.OtherCollections oc = Evaluation.OtherCollections.of(real, Evaluation.halves(real, 1)[1]);
        assertTrue(oc.tested(), oc.describe());
        assertEquals("main", oc.main());
        assertEquals(300 / 360.0, oc.mainShare(), 1e-12);
        assertEquals(List.of("bright"), oc.others());
        long brightHeldOut = Evaluation.halves(real, 1)[1].labels().stream().filter(l -> "bright".equals(l.source())).count();
        assertEquals(brightHeldOut, oc.images().size());
        for (SliceLabel l : oc.images().labels()) assertEquals("bright", l.source());

        EyeDataset synthetic = TestSets.discs(100, H, W, 8, 0);
        Evaluation.Result r = Evaluation.run(IdentityRefinerTest.identityModel(dir), synthetic, real, IdentityRefinerTest.tiny(), C2stTest.ENGINE, Listener.NONE);
        assertNotNull(r.otherCollections());
        assertEquals(Evaluation.OtherCollections.ROW, r.otherCollections().candidate());
        assertEquals(List.of(r.calibration(), r.otherCollections(), r.syntheticVsReal(), r.refinedVsReal()), r.c2stRows());
        assertEquals(brightHeldOut, r.otherCollections().trainPerSet() + r.otherCollections().testPerSet());
        // the reference is five parts in six of the main collection: the bright ones stand out, the held-out half does not
        assertTrue(r.otherCollections().auc() > 0.75, r.otherCollections().describe());
        assertTrue(r.otherCollections().auc() > r.calibration().auc(), r.otherCollections().describe() + " / " + r.calibration().describe());

        Path out = dir.resolve("report");
        ReportWriter.write(r, Map.of("synthetic", "test discs"), out);
        String csv = Files.readString(out.resolve(ReportWriter.SUMMARY_CSV));
        assertTrue(csv.contains("c2st_real_other_collections_vs_real,accuracy,"), csv);
        assertTrue(csv.contains("data,real_main_collection,main"), csv);
        assertTrue(csv.contains("data,real_other_collections,bright"), csv);
        assertTrue(Files.readString(out.resolve(ReportWriter.SUMMARY_TXT)).contains("C2ST real (other collections) vs real"));
    }

    @Test
    void noRowWithoutNamedCollectionsOrWithTooFewOthers() {
        EyeDataset main = named(TestSets.discs(100, H, W, 31, 0), "main");
        Evaluation.OtherCollections one = Evaluation.OtherCollections.of(main, Evaluation.halves(main, 1)[1]);
        assertFalse(one.tested());
        assertTrue(one.describe().contains("every real image is of one collection (main)"), one.describe());

        EyeDataset unnamed = concat(main, named(TestSets.discs(60, H, W, 32, 0), null));
        Evaluation.OtherCollections none = Evaluation.OtherCollections.of(unnamed, Evaluation.halves(unnamed, 1)[1]);
        assertFalse(none.tested());
        assertNull(none.main());
        assertTrue(none.describe().contains("do not all name their collection"), none.describe());

        // 10 of another collection: about 5 held out, fewer than the 20 a row needs
        EyeDataset few = concat(main, named(TestSets.discs(10, H, W, 33, 0), "other"));
        Evaluation.OtherCollections small = Evaluation.OtherCollections.of(few, Evaluation.halves(few, 1)[1]);
        assertFalse(small.tested());
        assertEquals("main", small.main());
        assertTrue(small.describe().contains("(at least " + Evaluation.OtherCollections.MIN_IMAGES + " are needed)"), small.describe());
    }
}
