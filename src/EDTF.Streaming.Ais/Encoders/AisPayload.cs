namespace EDTF.Streaming.Ais.Encoders;

/// <summary>An armored AIS payload (the fifth field of an AIVDM sentence) and its fill-bit count.</summary>
public readonly record struct AisPayload(string Armored, int FillBits);
