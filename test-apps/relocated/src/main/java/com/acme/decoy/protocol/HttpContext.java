package com.acme.decoy.protocol;

/** The decoy's context type, named as Apache HttpClient names its own. */
public interface HttpContext {
}
