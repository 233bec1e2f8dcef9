namespace ProductClassifier.Core.Demo;

/// <summary>
/// The demo's three-level tree: 6 departments, 20 groups, 50 leaves. Nouns overlap across leaves on purpose
/// ("dress" in evening dresses, "watch" in smart watches, "quilt" in bedding and camping) so that keyword
/// rules make the mistakes a real old categoriser makes.
/// </summary>
internal static class DemoTaxonomy
{
    public static readonly IReadOnlyList<DemoLeaf> Leaves = Build(
        ("Clothing", "Tops", "T-Shirts", "t-shirt|tee|tshirt|top", "crew neck|v-neck|graphic|oversized|slim fit|striped", 8, 35),
        ("Clothing", "Tops", "Shirts", "shirt|blouse|button-down", "oxford|flannel|linen|short sleeve|long sleeve|checked", 20, 70),
        ("Clothing", "Tops", "Sweaters", "sweater|jumper|pullover|cardigan", "cable knit|merino|chunky|turtleneck|zip", 25, 110),
        ("Clothing", "Bottoms", "Jeans", "jeans|denim", "skinny|straight leg|bootcut|ripped|high waist|relaxed", 30, 120),
        ("Clothing", "Bottoms", "Trousers", "trousers|chinos|pants|slacks", "tailored|cargo|wide leg|pleated|jogger", 25, 90),
        ("Clothing", "Bottoms", "Shorts", "shorts|bermudas", "denim|cargo|running|board|chino", 15, 50),
        ("Clothing", "Bottoms", "Skirts", "skirt|miniskirt", "pleated|midi|a-line|pencil|wrap", 20, 70),
        ("Clothing", "Outerwear", "Jackets", "jacket|bomber|blazer|windbreaker", "quilted|leather|denim|rain|packable", 40, 200),
        ("Clothing", "Outerwear", "Coats", "coat|parka|trench", "wool|double breasted|hooded|longline|puffer", 60, 300),
        ("Clothing", "Dresses", "Casual Dresses", "dress|sundress|shirt dress", "floral|jersey|smock|wrap|tiered", 25, 80),
        ("Clothing", "Dresses", "Evening Dresses", "gown|evening dress|cocktail dress", "sequin|satin|maxi|lace|backless", 60, 250),
        ("Footwear", "Sneakers", "Running Shoes", "running shoes|trainers|runners", "cushioned|lightweight|trail|racing|stability", 50, 180),
        ("Footwear", "Sneakers", "Casual Sneakers", "sneakers|plimsolls|low tops", "canvas|retro|platform|slip-on|high top", 35, 120),
        ("Footwear", "Boots", "Ankle Boots", "ankle boots|chelsea boots|booties", "suede|heeled|lace-up|zip|block heel", 50, 180),
        ("Footwear", "Boots", "Hiking Boots", "hiking boots|walking boots|trekking boots", "waterproof|gore-tex|mid cut|vibram sole|insulated", 70, 220),
        ("Footwear", "Sandals", "Flip Flops", "flip flops|thongs|flip-flops", "beach|rubber|pool|cushioned", 5, 30),
        ("Footwear", "Sandals", "Strap Sandals", "sandals|gladiator sandals|strappy sandals", "leather|flat|wedge|ankle strap|cork", 20, 90),
        ("Accessories", "Bags", "Backpacks", "backpack|rucksack|daypack", "laptop|roll-top|school|travel|anti-theft", 25, 150),
        ("Accessories", "Bags", "Handbags", "handbag|tote|shoulder bag|clutch", "leather|quilted|mini|crossbody|woven", 30, 250),
        ("Accessories", "Bags", "Wallets", "wallet|purse|card holder", "bifold|rfid|zip-around|slim|coin", 10, 80),
        ("Accessories", "Jewellery", "Necklaces", "necklace|pendant|chain", "layered|pearl|choker|charm|initial", 10, 150),
        ("Accessories", "Jewellery", "Earrings", "earrings|studs|hoops", "drop|huggie|crystal|pearl|statement", 8, 90),
        ("Accessories", "Jewellery", "Rings", "ring|band|signet", "stacking|engagement|adjustable|solitaire|eternity", 10, 400),
        ("Accessories", "Watches", "Analog Watches", "watch|wristwatch|chronograph", "automatic|quartz|dress|diver|mesh strap", 40, 400),
        ("Accessories", "Watches", "Smart Watches", "smartwatch|smart watch|fitness tracker", "gps|amoled|heart rate|lte|sport", 60, 450),
        ("Home & Kitchen", "Cookware", "Frying Pans", "frying pan|skillet|fry pan|wok", "non-stick|cast iron|induction|28cm|ceramic", 15, 120),
        ("Home & Kitchen", "Cookware", "Saucepans", "saucepan|pot|stockpot|casserole", "lidded|induction|copper|3 piece|stainless", 20, 150),
        ("Home & Kitchen", "Tableware", "Mugs", "mug|cup|tumbler", "ceramic|travel|espresso|enamel|insulated", 5, 30),
        ("Home & Kitchen", "Tableware", "Plates", "plate|dinner plate|platter|side plate", "stoneware|porcelain|set of 4|rimmed|melamine", 8, 80),
        ("Home & Kitchen", "Tableware", "Drinking Glasses", "glasses|tumblers|wine glass|highball", "crystal|set of 6|stemless|ribbed|double wall", 10, 70),
        ("Home & Kitchen", "Bedding", "Duvet Covers", "duvet cover|quilt cover|bedding set", "double|king size|percale|sateen|washed linen", 25, 150),
        ("Home & Kitchen", "Bedding", "Pillows", "pillow|pillows|bed pillow", "memory foam|down|hypoallergenic|side sleeper|pair", 15, 90),
        ("Home & Kitchen", "Decor", "Candles", "candle|tealights|pillar candle", "scented|soy wax|vanilla|three wick|unscented", 5, 45),
        ("Home & Kitchen", "Decor", "Vases", "vase|bud vase|planter", "glass|ceramic|fluted|tall|handmade", 10, 90),
        ("Home & Kitchen", "Decor", "Cushions", "cushion|throw pillow|cushion cover", "velvet|boucle|embroidered|outdoor|45x45", 10, 60),
        ("Electronics", "Audio", "Headphones", "headphones|over-ear headphones|headset", "noise cancelling|wireless|studio|gaming|foldable", 30, 400),
        ("Electronics", "Audio", "Speakers", "speaker|soundbar|boombox", "bluetooth|portable|waterproof|smart|bookshelf", 25, 500),
        ("Electronics", "Audio", "Earbuds", "earbuds|in-ear headphones|earphones", "true wireless|noise cancelling|sport|anc|charging case", 20, 250),
        ("Electronics", "Computers", "Laptops", "laptop|notebook|ultrabook|chromebook", "14 inch|16gb ram|512gb ssd|gaming|2-in-1", 300, 2500),
        ("Electronics", "Computers", "Keyboards", "keyboard|keypad", "mechanical|wireless|rgb|low profile|ergonomic", 20, 200),
        ("Electronics", "Computers", "Mice", "mouse|mice|trackball", "wireless|gaming|vertical|silent|bluetooth", 10, 120),
        ("Electronics", "Phones", "Smartphones", "smartphone|mobile phone|cell phone|phone", "128gb|5g|dual sim|unlocked|refurbished", 120, 1400),
        ("Electronics", "Phones", "Phone Cases", "phone case|case|cover|bumper", "silicone|clear|wallet|shockproof|magsafe", 5, 50),
        ("Electronics", "Phones", "Chargers", "charger|charging cable|power bank|adapter", "usb-c|fast|65w|wireless|car", 8, 80),
        ("Sports & Outdoors", "Fitness", "Yoga Mats", "yoga mat|exercise mat|fitness mat", "non-slip|6mm|cork|travel|tpe", 15, 90),
        ("Sports & Outdoors", "Fitness", "Dumbbells", "dumbbell|dumbbells|kettlebell|weights", "adjustable|hex|neoprene|5kg|pair", 15, 300),
        ("Sports & Outdoors", "Camping", "Tents", "tent|shelter|bivvy", "2 person|4 person|pop-up|backpacking|family", 40, 600),
        ("Sports & Outdoors", "Camping", "Sleeping Bags", "sleeping bag|sleep sack|quilt", "3 season|down|mummy|lightweight|-5c", 30, 300),
        ("Sports & Outdoors", "Cycling", "Bike Helmets", "bike helmet|cycling helmet|helmet", "mips|road|mtb|kids|commuter", 25, 200),
        ("Sports & Outdoors", "Cycling", "Bike Lights", "bike light|light set|headlight|rear light", "usb rechargeable|1000 lumen|front|led", 10, 90));

    public static string[] Tops { get; } = Leaves.Select(l => l.Top).Distinct().ToArray();

    private static DemoLeaf[] Build(params (string Top, string Middle, string Name, string Nouns, string Modifiers, int Min, int Max)[] rows) =>
        rows.Select((r, i) => new DemoLeaf(i, r.Top, r.Middle, r.Name, r.Nouns.Split('|'), r.Modifiers.Split('|'), r.Min, r.Max))
            .ToArray();
}
