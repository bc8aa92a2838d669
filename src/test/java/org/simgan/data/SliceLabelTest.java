package org.simgan.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SliceLabelTest {

    @Test
    void formatAndParseRoundTrip() {
        SliceLabel label = new SliceLabel("00042", new Gaze(0.3404, 0.3879, -0.8566));
        assertEquals("00042\ngaze=0.3404,0.3879,-0.8566", label.format());
        SliceLabel back = SliceLabel.parse(label.format());
        assertEquals("00042", back.name());
        assertEquals(0.3404, back.gaze().x(), 1e-4);
        assertEquals(-0.8566, back.gaze().z(), 1e-4);
    }

    @Test
    void theSourceLineNamesTheCollectionAndIsKept() {
        SliceLabel label = SliceLabel.parse("00007\ngaze=0,0,-1\nnote: blink\nsource= SI100B ");
        assertEquals("SI100B", label.source());
        assertEquals("00007\ngaze=0.0000,0.0000,-1.0000\nnote: blink\nsource= SI100B ", label.format());
        assertNull(SliceLabel.parse("00007\ngaze=0,0,-1").source());
        assertNull(new SliceLabel("x", null).source());
        assertEquals("A", SliceLabel.parse("x\nsource=A\nsource=B").source(), "the first source line counts");
    }

    @Test
    void aLabelReadFromTextIsWrittenBackWithTheSameDigits() {
        // not exactly unit length: normalising would turn -0.9594 into -0.9595
        String text = "00026\ngaze=-0.1870,-0.2110,-0.9594";
        assertEquals(text, SliceLabel.parse(text).format());
        assertEquals(1.0, Math.sqrt(sq(SliceLabel.parse(text).gaze().unit())), 1e-12);
    }

    private static double sq(Gaze g) {
        return g.x() * g.x() + g.y() * g.y() + g.z() * g.z();
    }

    @Test
    void labelWithoutGazeHasNameOnly() {
        SliceLabel l = SliceLabel.parse("img_7.png");
        assertEquals("img_7.png", l.name());
        assertNull(l.gaze());
    }

    @Test
    void badGazeLineNamesTheSlice() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SliceLabel.parse("a\ngaze=1,2"));
        assertEquals(true, e.getMessage().contains("slice 'a'"));
    }

    @Test
    void pitchYawRoundTrip() {
        Gaze g = Gaze.fromPitchYaw(Math.toRadians(-12), Math.toRadians(25));
        assertEquals(-12, Math.toDegrees(g.pitch()), 1e-9);
        assertEquals(25, Math.toDegrees(g.yaw()), 1e-9);
        assertEquals(0, g.angleDegrees(Gaze.parse(g.format())), 0.02);
        // UnityEyes writes look_vec as "(x, y, z, 0)"
        assertEquals(0.6, Gaze.parse("(0.6, 0.0, -0.8, 0.0)").x(), 1e-12);
    }
}
