package org.smguard.system;

/**
 * The {@code page} part of a paged JSON answer, in Spring Data's shape: the page number
 * (from 0), its size, and the totals.
 */
public record PageMetadata(int number, int size, long totalElements, int totalPages) {
}
