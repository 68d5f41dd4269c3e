package io.slaflow.policy;

import java.io.Serializable;

/**
 * Who sends the client reports: the MSP's name and logo, from the policy's {@code msp:} section.
 *
 * @param logoDataUri the logo file inlined as a {@code data:image/png;base64,...} URI (the policy travels resolved:
 *                    nothing downstream reads the policy's folder), or null
 */
public record MspBranding(String name, String logoDataUri) implements Serializable {
    public static final MspBranding NONE = new MspBranding(null, null);
}
