/**
 * Annotations that turn Spring beans into NGI listeners and clients: {@link NgiServer}
 * for TCP and Unix domain socket servers, {@link NgiUdpHandler} for UDP,
 * {@link NgiClient} for clients that stay connected.
 */
@NullMarked
package io.ngi.spring.annotation;

import org.jspecify.annotations.NullMarked;
