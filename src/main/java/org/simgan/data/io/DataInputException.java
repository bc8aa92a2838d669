package org.simgan.data.io;

import java.io.IOException;

/**
 * Input or output that cannot be used as it is. The message always says what is wrong and what to do about it,
 * so it can be shown to the user unchanged (ImageJ error dialog, command-line error line).
 */
public class DataInputException extends IOException {

    public DataInputException(String message) {
        super(message);
    }

    public DataInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
