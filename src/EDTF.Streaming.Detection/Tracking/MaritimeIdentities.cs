using System.Collections.Frozen;

namespace EDTF.Streaming.Detection.Tracking;

/// <summary>What an MMSI and an IMO number say by their form: vessel or not, flag from the MID, IMO check digit.</summary>
internal static class MaritimeIdentities
{
    /// <summary>True for a ship station MMSI (MIDxxxxxx, first digit 2-7); false for base stations (00), group calls (0), SAR aircraft (111), handhelds (8), SART/MOB/EPIRB (97), craft (98) and aids to navigation (99).</summary>
    public static bool IsVessel(int mmsi) => mmsi is >= 200_000_000 and <= 799_999_999;

    /// <summary>The Maritime Identification Digits of a ship MMSI, or -1.</summary>
    public static int Mid(int mmsi) => IsVessel(mmsi) ? mmsi / 1_000_000 : -1;

    /// <summary>ISO 3166 alpha-2 of the MMSI's MID, or null when unknown or not a ship.</summary>
    public static string? Flag(int mmsi) => MidTable.Countries.TryGetValue(Mid(mmsi), out var iso) ? iso : null;

    /// <summary>True when the seven-digit IMO number's check digit is right.</summary>
    public static bool IsValidImo(int imo)
    {
        if (imo is < 1_000_000 or > 9_999_999)
        {
            return false;
        }

        var sum = 0;
        var rest = imo / 10;
        for (var weight = 2; weight <= 7; weight++)
        {
            sum += rest % 10 * weight;
            rest /= 10;
        }

        return sum % 10 == imo % 10;
    }
}

/// <summary>ITU Maritime Identification Digits (ITU-R M.585 / MARS) to ISO 3166-1 alpha-2.</summary>
internal static class MidTable
{
    public static readonly FrozenDictionary<int, string> Countries = Build();

    private static FrozenDictionary<int, string> Build()
    {
        var d = new Dictionary<int, string>();
        void Add(string iso, params int[] mids)
        {
            foreach (var m in mids)
            {
                d[m] = iso;
            }
        }

        // Europe
        Add("AL", 201); Add("AD", 202); Add("AT", 203); Add("PT", 204, 255, 263); Add("BE", 205); Add("BY", 206);
        Add("BG", 207); Add("VA", 208); Add("CY", 209, 210, 212); Add("DE", 211, 218); Add("GE", 213); Add("MD", 214);
        Add("MT", 215, 229, 248, 249, 256); Add("AM", 216); Add("DK", 219, 220); Add("ES", 224, 225);
        Add("FR", 226, 227, 228); Add("FI", 230); Add("FO", 231); Add("GB", 232, 233, 234, 235); Add("GI", 236);
        Add("GR", 237, 239, 240, 241); Add("HR", 238); Add("MA", 242); Add("HU", 243); Add("NL", 244, 245, 246);
        Add("IT", 247); Add("IE", 250); Add("IS", 251); Add("LI", 252); Add("LU", 253); Add("MC", 254);
        Add("NO", 257, 258, 259); Add("PL", 261); Add("ME", 262); Add("RO", 264); Add("SE", 265, 266); Add("SK", 267);
        Add("SM", 268); Add("CH", 269); Add("CZ", 270); Add("TR", 271); Add("UA", 272); Add("RU", 273); Add("MK", 274);
        Add("LV", 275); Add("EE", 276); Add("LT", 277); Add("SI", 278); Add("RS", 279);

        // North and Central America, Caribbean
        Add("AI", 301); Add("US", 303, 338, 366, 367, 368, 369); Add("AG", 304, 305); Add("CW", 306); Add("AW", 307);
        Add("BS", 308, 309, 311); Add("BM", 310); Add("BZ", 312); Add("BB", 314); Add("CA", 316); Add("KY", 319);
        Add("CR", 321); Add("CU", 323); Add("DM", 325); Add("DO", 327); Add("GP", 329); Add("GD", 330); Add("GL", 331);
        Add("GT", 332); Add("HN", 334); Add("HT", 336); Add("JM", 339); Add("KN", 341); Add("LC", 343); Add("MX", 345);
        Add("MQ", 347); Add("MS", 348); Add("NI", 350); Add("PA", 351, 352, 353, 354, 355, 356, 357, 370, 371, 372, 373, 374);
        Add("PR", 358); Add("SV", 359); Add("PM", 361); Add("TT", 362); Add("TC", 364); Add("VC", 375, 376, 377);
        Add("VG", 378); Add("VI", 379);

        // Asia and the Middle East
        Add("AF", 401); Add("SA", 403); Add("BD", 405); Add("BH", 408); Add("BT", 410); Add("CN", 412, 413, 414);
        Add("TW", 416); Add("LK", 417); Add("IN", 419); Add("IR", 422); Add("AZ", 423); Add("IQ", 425); Add("IL", 428);
        Add("JP", 431, 432); Add("TM", 434); Add("KZ", 436); Add("UZ", 437); Add("JO", 438); Add("KR", 440, 441);
        Add("PS", 443); Add("KP", 445); Add("KW", 447); Add("LB", 450); Add("KG", 451); Add("MO", 453); Add("MV", 455);
        Add("MN", 457); Add("NP", 459); Add("OM", 461); Add("PK", 463); Add("QA", 466); Add("SY", 468);
        Add("AE", 470, 471); Add("TJ", 472); Add("YE", 473, 475); Add("HK", 477); Add("BA", 478);

        // Oceania and South-East Asia
        Add("TF", 501, 607, 618, 635); Add("AU", 503); Add("MM", 506); Add("BN", 508); Add("FM", 510); Add("PW", 511);
        Add("NZ", 512); Add("KH", 514, 515); Add("CX", 516); Add("CK", 518); Add("FJ", 520); Add("CC", 523);
        Add("ID", 525); Add("KI", 529); Add("LA", 531); Add("MY", 533); Add("MP", 536); Add("MH", 538); Add("NC", 540);
        Add("NU", 542); Add("NR", 544); Add("PF", 546); Add("PH", 548); Add("TL", 550); Add("PG", 553); Add("PN", 555);
        Add("SB", 557); Add("AS", 559); Add("WS", 561); Add("SG", 563, 564, 565, 566); Add("TH", 567); Add("TO", 570);
        Add("TV", 572); Add("VN", 574); Add("VU", 576, 577); Add("WF", 578);

        // Africa
        Add("ZA", 601); Add("AO", 603); Add("DZ", 605); Add("SH", 608, 665); Add("BI", 609); Add("BJ", 610);
        Add("BW", 611); Add("CF", 612); Add("CM", 613); Add("CG", 615); Add("KM", 616, 620); Add("CV", 617);
        Add("CI", 619); Add("DJ", 621); Add("EG", 622); Add("ET", 624); Add("ER", 625); Add("GA", 626); Add("GH", 627);
        Add("GM", 629); Add("GW", 630); Add("GQ", 631); Add("GN", 632); Add("BF", 633); Add("KE", 634);
        Add("LR", 636, 637); Add("SS", 638); Add("LY", 642); Add("LS", 644); Add("MU", 645); Add("MG", 647);
        Add("ML", 649); Add("MZ", 650); Add("MR", 654); Add("MW", 655); Add("NE", 656); Add("NG", 657); Add("NA", 659);
        Add("RE", 660); Add("RW", 661); Add("SD", 662); Add("SN", 663); Add("SC", 664); Add("SO", 666); Add("SL", 667);
        Add("ST", 668); Add("SZ", 669); Add("TD", 670); Add("TG", 671); Add("TN", 672); Add("TZ", 674, 677);
        Add("UG", 675); Add("CD", 676); Add("ZM", 678); Add("ZW", 679);

        // South America
        Add("AR", 701); Add("BR", 710); Add("BO", 720); Add("CL", 725); Add("CO", 730); Add("EC", 735); Add("FK", 740);
        Add("GF", 745); Add("GY", 750); Add("PY", 755); Add("PE", 760); Add("SR", 765); Add("UY", 770); Add("VE", 775);

        return d.ToFrozenDictionary();
    }
}
