package org.simgan.ij;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.macro.Interpreter;
import java.awt.GraphicsEnvironment;
import org.simgan.progress.Stopped;
import org.simgan.data.io.DataInputException;

/** What every command shares: running its body with errors shown the ImageJ way, and finding images. */
final class Commands {
    private Commands() {
    }

    interface Body {
        void run() throws Exception;
    }

    /** True when no window may be opened: no display, or a macro in batch mode. */
    static boolean noWindows() {
        return GraphicsEnvironment.isHeadless() || Interpreter.isBatchMode();
    }

    /** Runs a command's body; problems become one error message, and a running macro stops there. */
    static void run(String command, Body body) {
        try {
            body.run();
        } catch (Stopped e) {
            IJ.log(command + ": stopped");
            IJ.showStatus(command + ": stopped");
        } catch (UserError | DataInputException | IllegalArgumentException e) {
            fail(command, e.getMessage());
        } catch (OutOfMemoryError e) {
            fail(command, outOfMemory());
        } catch (Exception e) {
            String m = e.getMessage();
            fail(command, (m == null || m.isBlank() ? e.getClass().getSimpleName() : m));
            if (IJ.debugMode) IJ.handleException(e);
        } finally {
            IJ.showProgress(1.0);
        }
    }

    /** The out-of-memory message, with ImageJ's own way to raise the limit. */
    static String outOfMemory() {
        return org.simgan.runtime.OutOfMemory.message("raise ImageJ's limit in Edit > Options > Memory & Threads and restart ImageJ");
    }

    /**
     * Shows an error and stops the running macro, if any. Without a display the message goes to the log (standard
     * output), since ImageJ cannot show a dialog there.
     */
    static void fail(String command, String message) {
        IJ.showStatus("");
        if (GraphicsEnvironment.isHeadless()) {
            IJ.log("SimGAN " + command + " error: " + message);
        } else {
            IJ.error("SimGAN " + command, message);
        }
        if (Interpreter.getInstance() != null || IJ.isMacro()) Interpreter.abort();
    }

    /** The open image with this title, or the current image when the title is empty. */
    static ImagePlus image(String title, String what) {
        boolean none = WindowManager.getIDList() == null;
        ImagePlus imp = none ? null : title == null || title.isBlank() ? WindowManager.getCurrentImage() : WindowManager.getImage(title);
        if (imp == null) {
            throw new UserError(title == null || title.isBlank() ? "there is no image open: open a stack of eye images first (" + what + ")"
                    : "there is no open image titled '" + title + "': open it first, or give the title of an open image (" + what + ")");
        }
        return imp;
    }

    /** Titles of the open images, for dialogs. */
    static String[] imageTitles() {
        String[] t = WindowManager.getImageTitles();
        return t.length == 0 ? new String[] {""} : t;
    }
}
