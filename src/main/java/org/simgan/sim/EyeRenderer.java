package org.simgan.sim;

import static org.simgan.sim.GeometryMath.clamp01;
import static org.simgan.sim.GeometryMath.smoothstep;

import java.util.SplittableRandom;

import org.simgan.data.Gaze;

/**
 * Draws one grayscale eye for a gaze and an {@link Appearance}, with its exact label.
 *
 * <p>Geometry (millimetres, camera coordinates: x right, y up, z away from the camera; orthographic projection along
 * z, so the camera distance only sets the scale): an eyeball sphere of radius {@value #EYEBALL_RADIUS_MM} mm whose
 * centre projects near the image centre; the iris and pupil are concentric discs on the limbus plane, which sits at
 * depth {@code sqrt(R^2 - irisRadius^2)} along the look vector, so they project to ellipses foreshortened by
 * {@code |gaze.z|} along the direction the eye turns. The pupil centre in the label is the projection of the discs'
 * common centre. The eyelids, corners and caruncle belong to the head: they are rolled, foreshortened by head yaw and
 * pitch, and the lids open and close with the gaze's pitch relative to the head. None of this moves the eyeball, so
 * the look vector stays exact.
 *
 * <p>Anti-aliasing is analytic: every edge (lids, iris, pupil, sphere outline) is drawn with a coverage of
 * {@code clamp(0.5 + signed distance in pixels)}, one evaluation per pixel. Pixel values depend only on the gaze and
 * the appearance (textures come from {@link Appearance#textureSeed()}); the arithmetic is platform-independent.
 * Instances hold only the image size and are safe to share between threads.
 */
public final class EyeRenderer {
    public static final int DEFAULT_WIDTH = 55;
    public static final int DEFAULT_HEIGHT = 35;
    public static final double EYEBALL_RADIUS_MM = 12.0;
    /** Pixels per millimetre at camera distance 1 in a 55x35 image: the eye corners fill most of the width. */
    static final double NOMINAL_PX_PER_MM = 2.0;
    /** Distance from the eyeball centre to the centre of the cornea's sphere, and that sphere's radius (mm). */
    private static final double CORNEA_OFFSET = 5.7;
    private static final double CORNEA_RADIUS = 7.8;
    private static final int TABLE = 64;

    private final int width;
    private final int height;

    public EyeRenderer(int width, int height) {
        if (width < 8 || height < 8 || (long) width * height > 4_000_000) {
            throw new IllegalArgumentException("image size must be at least 8x8 and at most 4 megapixels, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
    }

    public EyeRenderer() {
        this(DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Image pixels per millimetre on the eye for this appearance. */
    public double pixelsPerMm(Appearance a) {
        return frame(a)[0];
    }

    /** Where the eye corners sit in the head frame, mm from the eyeball centre: y of the inner and the outer corner. */
    static final double INNER_CORNER_Y = -0.9, OUTER_CORNER_Y = 0.5;
    /** With corner framing: the corners' distance as a share of the image width, and the height of their midpoint. */
    static final double CORNER_SPAN = 0.95, CORNER_ROW = 0.42;

    /**
     * Pixels per mm and the eyeball centre in the image, {@code {s, cx, cy}}. Framed by the eyeball (the default of
     * {@link Appearance#typical()}): the eyeball centre projects to the image centre plus the shift, and the camera
     * distance sets the scale. Framed by the corners (as MPIIGaze's normalised eye crops, whose crop follows the eye
     * corner landmarks): the corners' midpoint sits at a fixed point of the image and their distance spans a fixed
     * share of its width (divided by the camera distance, a small jitter), and the shift moves the eyeball against the
     * corners.
     */
    double[] frame(Appearance a) {
        double base = NOMINAL_PX_PER_MM * Math.min(width / (double) DEFAULT_WIDTH, height / (double) DEFAULT_HEIGHT);
        if (!a.framedByCorners()) {
            double s = base / a.cameraDistance();
            return new double[] {s, (width - 1) / 2.0 + a.shiftX() * s, (height - 1) / 2.0 - a.shiftY() * s};
        }
        double roll = StrictMath.toRadians(a.headRollDeg());
        double cr = StrictMath.cos(roll), sr = StrictMath.sin(roll);
        double cosYaw = StrictMath.cos(StrictMath.toRadians(a.headYawDeg())), cosPitch = StrictMath.cos(StrictMath.toRadians(a.headPitchDeg()));
        double hw = a.eyeHalfWidth();
        double yl = a.innerCornerLeft() ? INNER_CORNER_Y : OUTER_CORNER_Y, yr = a.innerCornerLeft() ? OUTER_CORNER_Y : INNER_CORNER_Y;
        // camera-frame mm of a head-frame point (the inverse of the head transform in render)
        double lx = cr * (-hw * cosYaw) - sr * (yl * cosPitch), ly = sr * (-hw * cosYaw) + cr * (yl * cosPitch);
        double rx = cr * (hw * cosYaw) - sr * (yr * cosPitch), ry = sr * (hw * cosYaw) + cr * (yr * cosPitch);
        double span = Math.hypot(rx - lx, ry - ly);
        double s = CORNER_SPAN * width / span / a.cameraDistance();
        double midX = (lx + rx) / 2 - a.shiftX(), midY = (ly + ry) / 2 - a.shiftY();
        return new double[] {s, (width - 1) / 2.0 - s * midX, CORNER_ROW * (height - 1) + s * midY};
    }

    /** Renders {@code gaze} with appearance {@code a}. The gaze must face the camera ({@code gaze.z() < -0.3}). */
    public RenderedEye render(Gaze look, Appearance a) {
        Gaze gaze = look.unit();
        if (!(gaze.z() < -0.3)) {
            throw new IllegalArgumentException("the gaze must face the camera (z < -0.3, within about 72 degrees), got " + gaze.format());
        }
        final int w = width;
        final int h = height;
        final double[] framing = frame(a);
        final double s = framing[0];
        final double R = EYEBALL_RADIUS_MM;
        final double cx = framing[1];
        final double cy = framing[2];
        SplittableRandom tex = new SplittableRandom(a.textureSeed());

        // --- eyeball, iris and pupil (camera frame) ---
        final double gx = gaze.x(), gy = gaze.y(), gz = gaze.z();
        final double ri = a.irisRadius(), rp = a.pupilRadius();
        final double di = Math.sqrt(R * R - ri * ri);
        final double icx = di * gx, icy = di * gy;
        final double gxy = Math.sqrt(gx * gx + gy * gy);
        final double ax = gxy < 1e-9 ? 1 : gx / gxy, ay = gxy < 1e-9 ? 0 : gy / gxy;
        final double agz = -gz;
        final double pupilX = cx + s * icx;
        final double pupilY = cy - s * icy;

        // light: direction towards the light, from the camera's side
        double lx0 = a.lightX(), ly0 = a.lightY(), lz0 = -1.2;
        double ln = Math.sqrt(lx0 * lx0 + ly0 * ly0 + lz0 * lz0);
        final double Lx = lx0 / ln, Ly = ly0 / ln, Lz = lz0 / ln;
        final double ls = a.lightStrength();
        // corneal glint: the cornea point whose normal halves the angle between the light and the camera
        double hx0 = Lx, hy0 = Ly, hz0 = Lz - 1;
        double hn = Math.sqrt(hx0 * hx0 + hy0 * hy0 + hz0 * hz0);
        final double glX = CORNEA_OFFSET * gx + CORNEA_RADIUS * hx0 / hn;
        final double glY = CORNEA_OFFSET * gy + CORNEA_RADIUS * hy0 / hn;
        final double glintOk = (glX - icx) * (glX - icx) + (glY - icy) * (glY - icy) < 0.9025 * ri * ri ? a.glint() : 0;
        final double glintR2 = 0.55 * 0.55 * Math.max(1, s * s / (NOMINAL_PX_PER_MM * NOMINAL_PX_PER_MM));

        final double[] irisTable = angularTable(tex, 0.5);
        final double[] lashTable = angularTable(tex, 0.8);

        // --- head frame: eyelids, corners, caruncle ---
        final double roll = StrictMath.toRadians(a.headRollDeg());
        final double cr = StrictMath.cos(roll), sr = StrictMath.sin(roll);
        final double invCosYaw = 1 / StrictMath.cos(StrictMath.toRadians(a.headYawDeg()));
        final double invCosPitch = 1 / StrictMath.cos(StrictMath.toRadians(a.headPitchDeg()));
        final double hw = a.eyeHalfWidth();
        final double innerY = INNER_CORNER_Y, outerY = OUTER_CORNER_Y;
        final double yLeft = a.innerCornerLeft() ? innerY : outerY;
        final double yRight = a.innerCornerLeft() ? outerY : innerY;
        final double cSlope = (yRight - yLeft) / (2 * hw);
        final double cMid = (yLeft + yRight) / 2;
        // the lids follow the gaze's elevation relative to the head
        double relPitch = StrictMath.asin(gy) - StrictMath.toRadians(a.headPitchDeg());
        double gyRel = di * StrictMath.sin(relPitch);
        double upperApex = ri - 1.7 + a.eyeOpenness() + gyRel * (gyRel < 0 ? 1.45 : 0.95);
        double lowerApex = -(ri - 0.3) - 0.35 * a.eyeOpenness() + gyRel * (gyRel < 0 ? 0.3 : 0.45);
        upperApex = Math.max(upperApex, lowerApex + 0.5);
        final double hu = upperApex - cMid; // negative when the lid drops below the corners (looking down)
        final double hl = Math.max(0.2, cMid - lowerApex);
        final double skew = a.lidSkew();
        final double creaseH = a.creaseHeight();
        final double carX = (a.innerCornerLeft() ? -1 : 1) * (hw - 1.7);
        final double carY = innerY + 0.25;

        final double irisShade = a.irisShade(), scleraShade = a.scleraShade(), skinShade = a.skinShade();
        final double pupilShade = 0.025 + 0.04 * irisShade;
        final double shading = a.skinShading();
        final double lash = a.lashDensity();
        final double crease = a.creaseDepth();

        CameraEffects cam = a.camera();
        final double skinTex = 0.015 + cam.skinTexture();
        final int gridW = w / 3 + 3, gridH = h / 3 + 3;
        final double[] grid = new double[gridW * gridH];
        for (int i = 0; i < grid.length; i++) grid[i] = tex.nextDouble() * 2 - 1;

        final float[] img = new float[w * h];
        double pupilSeen = 0, pupilAll = 0, clearance = Double.POSITIVE_INFINITY;
        final double R2 = R * R;
        final double irisReach = ri + 1.5 / s;

        for (int v = 0; v < h; v++) {
            final double y = (cy - v) / s;
            for (int u = 0; u < w; u++) {
                final double x = (u - cx) / s;
                // head frame
                final double hxx = (cr * x + sr * y) * invCosYaw;
                final double hyy = (-sr * x + cr * y) * invCosPitch;
                final double t = hxx / hw;
                final double t2 = t * t;
                final double cornerY = cMid + cSlope * hxx;
                final double sk = 1 + skew * t;
                // beyond the corners the lids have met: both margins continue along the line between the corners
                final boolean between = t2 < 1;
                final double fu = between ? 1 - 0.65 * t2 - 0.35 * t2 * t2 : 0;
                final double dfu = between ? (-1.3 * t - 1.4 * t2 * t) / hw : 0;
                final double upper = cornerY + hu * fu * sk;
                final double upperSlope = cSlope + hu * (dfu * sk + fu * skew / hw);
                final double fl = between ? 1 - 0.45 * t2 - 0.55 * t2 * t2 : 0;
                final double dfl = between ? (-0.9 * t - 2.2 * t2 * t) / hw : 0;
                final double lower = cornerY - hl * fl;
                final double lowerSlope = cSlope - hl * dfl;
                final double dU = upper - hyy; // mm, positive below the upper lid
                final double dL = hyy - lower; // mm, positive above the lower lid
                final double dUpx = dU * s / Math.sqrt(1 + upperSlope * upperSlope);
                final double dLpx = dL * s / Math.sqrt(1 + lowerSlope * lowerSlope);
                final double dCornerPx = (1 - Math.abs(t)) * hw * s;
                final double open = clamp01(0.5 + Math.min(Math.min(dUpx, dLpx), dCornerPx));

                // iris and pupil coverage (needed for the pupil's visible fraction even under the lids)
                final double qx = x - icx, qy = y - icy;
                final double qa = (qx * ax + qy * ay) / agz;
                final double qb = -qx * ay + qy * ax;
                final double rho2 = qa * qa + qb * qb;
                double cIris = 0, cPupil = 0, rho = 0;
                if (rho2 < irisReach * irisReach) {
                    rho = Math.sqrt(rho2);
                    double grad = rho > 1e-6 ? Math.sqrt(qa * qa / (agz * agz) + qb * qb) / rho : 1;
                    cIris = clamp01(0.5 + (ri - rho) * s / grad);
                    cPupil = clamp01(0.5 + (rp - rho) * s / grad);
                    pupilAll += cPupil;
                    pupilSeen += cPupil * open;
                    if (cPupil > 0) clearance = Math.min(clearance, Math.min(dUpx, dLpx));
                }

                double eye = 0;
                if (open > 0) {
                    // sclera: a lit sphere, shadowed under the upper lid and towards the corners
                    double r2 = x * x + y * y;
                    double zz = Math.sqrt(Math.max(R2 - r2, 0));
                    double lam = Math.max(0, (x * Lx + y * Ly - zz * Lz) / R);
                    double sclera = scleraShade * (1 - 0.55 * ls + 0.75 * ls * lam);
                    if (r2 > (R - 1.5) * (R - 1.5)) {
                        double beyond = clamp01((Math.sqrt(r2) - (R - 1.5)) / 2.5);
                        sclera += (skinShade * 0.8 - sclera) * beyond;
                    }
                    sclera *= 1 - 0.3 * smoothstep(0.45, 1.05, Math.abs(t));
                    // caruncle at the inner corner
                    double ex = (hxx - carX) / 2.0, ey = (hyy - carY) / 1.5;
                    double car = clamp01(1.6 * (1 - (ex * ex + ey * ey)));
                    if (car > 0) sclera += (skinShade * (0.75 + 0.25 * lam) - sclera) * car;
                    // faint mottling of the sclera (vessels, blur of the conjunctiva)
                    eye = sclera * (1 + 0.05 * noise(grid, gridW, u, v));
                    if (cIris > 0) {
                        double rr = rho / ri;
                        double ang = GeometryMath.atan2(qb, qa);
                        double f = (ang + Math.PI) * (TABLE / (2 * Math.PI));
                        int i0 = (int) f;
                        double fr = f - i0;
                        i0 &= TABLE - 1;
                        double texture = irisTable[i0] + (irisTable[(i0 + 1) & (TABLE - 1)] - irisTable[i0]) * fr;
                        double iris = irisShade * (1 + 0.2 * texture * smoothstep(0.15, 0.55, rr))
                                * (1 - 0.45 * smoothstep(0.72, 1.0, rr))
                                * (1 + 0.25 * (1 - smoothstep(rp / ri, rp / ri + 0.25, rr)))
                                * (1 - 0.35 * ls * (qx * Lx + qy * Ly) / ri);
                        eye += (iris - eye) * cIris;
                        eye += (pupilShade - eye) * cPupil;
                    }
                    if (glintOk > 0) {
                        double gdx = x - glX, gdy = y - glY;
                        double q = (gdx * gdx + gdy * gdy) * s * s / glintR2;
                        eye += glintOk * 0.95 / (1 + q * q);
                    }
                    // shadow of the upper lid and lashes on the eyeball, a little under the lower lid
                    double su = Math.max(0, 1 - dU / 2.0);
                    double sl = Math.max(0, 1 - dL / 0.9);
                    eye *= (1 - (0.35 + 0.2 * lash) * su * su) * (1 - 0.18 * sl * sl);
                }

                double skin = 0;
                if (open < 1) {
                    double base = skinShade;
                    double above = -dU; // mm above the upper lid margin
                    // the margins' own shading (lashes, wet rim, the opening's shadow) ends just beyond the corners
                    double cornerFade = Math.max(0, 1 - Math.max(0, Math.abs(t) - 1) * hw / 1.5);
                    double below = -dL; // mm below the lower lid margin
                    // the lid bulge, crease and under-eye shading taper off towards and past the corners
                    double tc = hxx / (hw * 1.1);
                    double fade = Math.max(0, 1 - tc * tc);
                    // lid bulge between margin and crease catches light; the crease is a dark fold
                    if (above > 0) {
                        double b = clamp01(above / creaseH);
                        base *= 1 + shading * 0.15 * b * (1 - b) * 4 * (0.5 + ly0) * Math.sqrt(fade);
                        double creaseY = cornerY + (hu + creaseH) * (0.35 + 0.65 * fade);
                        double dc = (hyy - creaseY) * s;
                        base *= 1 - crease * 0.55 * fade * fade / (1 + dc * dc * 0.25);
                        // brow ridge brighter towards the top
                        base *= 1 + shading * 0.25 * smoothstep(creaseH, creaseH + 6, above);
                        // upper lashes: a dark band along the margin, strongest at the margin
                        double lw = 0.6 + 0.9 * lash;
                        if (above < lw && Math.abs(t) < 1.08) {
                            double fidx = (t + 1.1) * (TABLE / 2.3);
                            int li = Math.max(0, Math.min(TABLE - 1, (int) fidx));
                            double dens = lash * (0.75 + 0.25 * lashTable[li]) * (1 - smoothstep(0.92, 1.08, Math.abs(t)));
                            double q = above / lw;
                            base *= 1 - 0.9 * dens * (1 - q * q);
                        }
                    }
                    if (below > 0) {
                        // wet lower-lid margin, then a slightly darker under-eye
                        base *= 1 + cornerFade * (0.22 * Math.max(0, 1 - below / 0.6) - 0.06 * lash * Math.max(0, 1 - Math.abs(below - 0.9) / 0.4));
                        double bb = clamp01((below - 1.5) / 5.0);
                        base *= 1 - shading * 0.12 * bb * (1 - bb) * 4 * Math.sqrt(fade);
                        // the cheek below catches more light the further it is from the eye
                        base *= 1 + (0.1 + 0.3 * shading) * smoothstep(0.5, 9, below);
                    }
                    // the skin next to the opening is in the shadow of the lids' fold (ambient occlusion)
                    double near = Math.max(0, 1 - Math.max(Math.max(above, below), 0) / (above > 0 ? 2.0 : 1.5));
                    base *= 1 - (above > 0 ? 0.12 + 0.3 * shading : 0.05 + 0.1 * shading) * near * near * cornerFade;
                    // light ramp across the face
                    base *= 1 + ls * 0.3 * (lx0 * x + ly0 * y) / hw;
                    base *= 1 + skinTex * noise(grid, gridW, u, v);
                    skin = base;
                }
                img[v * w + u] = (float) (skin + (eye - skin) * open);
            }
        }

        // camera-style: light falls off unevenly and the sensor adds noise before the (defocused) optics blur it
        if (!cam.isNone()) illuminateAndNoise(img, w, h, cam, tex);
        double sigma = Math.sqrt(a.blurSigma() * a.blurSigma() + cam.defocusSigma() * cam.defocusSigma());
        if (sigma > 0.05) blur(img, w, h, sigma);
        if (!cam.isNone()) contrastAndGamma(img, cam);
        for (int i = 0; i < img.length; i++) {
            double q = img[i] * 255.0;
            img[i] = (float) Math.rint(q < 0 ? 0 : (q > 255 ? 255 : q));
        }
        if (cam.equalize()) equalize(img);
        // the part of the pupil that falls outside the image counts as hidden
        double reach = rp * s + 1;
        int u0 = (int) Math.floor(pupilX - reach), u1 = (int) Math.ceil(pupilX + reach);
        int v0 = (int) Math.floor(pupilY - reach), v1 = (int) Math.ceil(pupilY + reach);
        for (int v = v0; v <= v1; v++) {
            for (int u = u0; u <= u1; u++) {
                if (u >= 0 && u < w && v >= 0 && v < h) continue;
                double qx = (u - cx) / s - icx, qy = (cy - v) / s - icy;
                double qa = (qx * ax + qy * ay) / agz;
                double qb = -qx * ay + qy * ax;
                double rho = Math.sqrt(qa * qa + qb * qb);
                double grad = rho > 1e-6 ? Math.sqrt(qa * qa / (agz * agz) + qb * qb) / rho : 1;
                pupilAll += clamp01(0.5 + (rp - rho) * s / grad);
            }
        }
        double visible = pupilAll > 0 ? pupilSeen / pupilAll : 0;
        return new RenderedEye(w, h, img, gaze, pupilX, pupilY, visible, clearance, a);
    }

    /** Smooth value noise in -1..1: the random grid (one value every 3 pixels) interpolated bilinearly at pixel (u, v). */
    private static double noise(double[] grid, int gridW, int u, int v) {
        double gxf = u / 3.0 + 1, gyf = v / 3.0 + 1;
        int ix = (int) gxf, iy = (int) gyf;
        double fx = gxf - ix, fy = gyf - iy;
        int k = iy * gridW + ix;
        double n0 = grid[k] + (grid[k + 1] - grid[k]) * fx;
        double n1 = grid[k + gridW] + (grid[k + gridW + 1] - grid[k + gridW]) * fx;
        return n0 + (n1 - n0) * fy;
    }

    /** sin and cos of 2 pi m / TABLE, for the angular tables. */
    private static final double[] SIN = new double[TABLE];
    private static final double[] COS = new double[TABLE];

    static {
        for (int m = 0; m < TABLE; m++) {
            SIN[m] = StrictMath.sin(2 * Math.PI * m / TABLE);
            COS[m] = StrictMath.cos(2 * Math.PI * m / TABLE);
        }
    }

    /** A smooth random periodic function of the angle, TABLE samples in -1..1 (iris fibres, lash clumps). */
    private static double[] angularTable(SplittableRandom r, double roughness) {
        double[] t = new double[TABLE];
        for (int k = 0; k < 12; k++) {
            double amp = (r.nextDouble() * 2 - 1) / (1 + roughness * k * 0.3);
            double ph = r.nextDouble() * 2 * Math.PI;
            double sp = amp * StrictMath.sin(ph), cp = amp * StrictMath.cos(ph);
            // amp * sin((k + 3) * theta_i + ph), theta_i = 2 pi i / TABLE
            for (int i = 0; i < TABLE; i++) {
                int m = ((k + 3) * i) & (TABLE - 1);
                t[i] += SIN[m] * cp + COS[m] * sp;
            }
        }
        double max = 1e-9;
        for (double v : t) max = Math.max(max, Math.abs(v));
        for (int i = 0; i < TABLE; i++) t[i] /= max;
        return t;
    }

    /** Separable Gaussian blur with clamped edges, in place. */
    static void blur(float[] img, int w, int h, double sigma) {
        int rad = Math.max(1, (int) Math.ceil(2.5 * sigma));
        double[] k = new double[2 * rad + 1];
        double sum = 0;
        for (int i = -rad; i <= rad; i++) {
            k[i + rad] = StrictMath.exp(-0.5 * i * i / (sigma * sigma));
            sum += k[i + rad];
        }
        for (int i = 0; i < k.length; i++) k[i] /= sum;
        float[] tmp = new float[img.length];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                double acc = 0;
                for (int i = -rad; i <= rad; i++) {
                    int xx = x + i;
                    xx = xx < 0 ? 0 : (xx >= w ? w - 1 : xx);
                    acc += k[i + rad] * img[row + xx];
                }
                tmp[row + x] = (float) acc;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double acc = 0;
                for (int i = -rad; i <= rad; i++) {
                    int yy = y + i;
                    yy = yy < 0 ? 0 : (yy >= h ? h - 1 : yy);
                    acc += k[i + rad] * tmp[yy * w + x];
                }
                img[y * w + x] = (float) acc;
            }
        }
    }

    /** Uneven illumination with vignette, and sensor noise, on intensities 0..1, in place. */
    private static void illuminateAndNoise(float[] img, int w, int h, CameraEffects c, SplittableRandom r) {
        double amt = c.illuminationAmount();
        double noise = c.noiseSigma() / 255.0 * 2.449489742783178; // the sum of two uniforms minus one has sd 1/sqrt(6)
        double hx = (w - 1) / 2.0, hy = (h - 1) / 2.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double nx = (x - hx) / hx, ny = (y - hy) / hy;
                double light = 1 + amt * (c.illuminationX() * nx + c.illuminationY() * ny) - 0.25 * amt * (nx * nx + ny * ny);
                img[y * w + x] = (float) (img[y * w + x] * light + noise * (r.nextDouble() + r.nextDouble() - 1));
            }
        }
    }

    /** Contrast around mid-grey, then gamma (through a table), on intensities 0..1, in place. */
    private static void contrastAndGamma(float[] img, CameraEffects c) {
        double[] lut = new double[257];
        for (int i = 0; i < lut.length; i++) lut[i] = StrictMath.pow(i / 256.0, c.gamma());
        for (int i = 0; i < img.length; i++) {
            double v = clamp01(0.5 + (img[i] - 0.5) * c.contrast());
            double f = v * 256;
            int i0 = Math.min(255, (int) f);
            img[i] = (float) (lut[i0] + (lut[i0 + 1] - lut[i0]) * (f - i0));
        }
    }

    /** Histogram equalisation of whole grey levels 0..255, in place (the usual cumulative-histogram mapping). */
    static void equalize(float[] img) {
        int[] hist = new int[256];
        for (float v : img) hist[(int) v]++;
        int cdfMin = 0;
        for (int c : hist) {
            if (c > 0) {
                cdfMin = c;
                break;
            }
        }
        int n = img.length;
        if (n == cdfMin) return;
        float[] lut = new float[256];
        int cdf = 0;
        for (int i = 0; i < 256; i++) {
            cdf += hist[i];
            lut[i] = (float) Math.rint(Math.max(0, cdf - cdfMin) * 255.0 / (n - cdfMin));
        }
        for (int i = 0; i < img.length; i++) img[i] = lut[(int) img[i]];
    }
}
