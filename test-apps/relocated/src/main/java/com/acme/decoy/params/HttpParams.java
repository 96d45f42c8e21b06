package com.acme.decoy.params;

/** The decoy's parameters type, named as Apache HttpClient names its own. */
public interface HttpParams {
}
