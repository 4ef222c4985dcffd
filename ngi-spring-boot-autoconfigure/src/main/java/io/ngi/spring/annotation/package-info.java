/**
 * Annotations that turn Spring beans into NGI listeners: {@link NgiServer} for TCP and
 * Unix domain socket servers, {@link NgiUdpHandler} for UDP.
 */
@NullMarked
package io.ngi.spring.annotation;

import org.jspecify.annotations.NullMarked;
