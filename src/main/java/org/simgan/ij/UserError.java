package org.simgan.ij;

/** Something the user has to fix (a missing image, a wrong option); its message says what to do. */
final class UserError extends RuntimeException {
    UserError(String message) {
        super(message);
    }
}
