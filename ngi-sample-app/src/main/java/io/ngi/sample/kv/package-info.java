/**
 * A Redis-protocol key-value store served over NGI: RESP2 and inline requests, string
 * keys and values with expiry, bounded memory ({@code kv} in the sample app).
 */
@NullMarked
package io.ngi.sample.kv;

import org.jspecify.annotations.NullMarked;
