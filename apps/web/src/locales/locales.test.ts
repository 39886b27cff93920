import { describe, expect, it } from 'vitest';
import { en, zhTW, type Tree } from './index.js';

/** Every leaf key as a dotted path, with its text. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') {
      out.set(path, value);
    } else {
      for (const [k, v] of flatten(value, path)) {
        out.set(k, v);
      }
    }
  }
  return out;
}

/**
 * Common characters that exist only in Simplified Chinese; each has a different
 * Traditional form (这→這, 个→個, 们→們 …). None may appear in the zh-TW file.
 */
const SIMPLIFIED_ONLY = [
  ...'这们来时为说国对会发书学关号机没现开问间电设资务单选检认证码录户权组织级阶网络计数报复询删错误请输',
  ...'确帐账择项页态动练应变处类别审签门车东长马鸟鱼见贝风飞龙齐过还进运远连达递边业专丝两严丧临丽举乡买乱',
  ...'争亏产亲亿仅从仓仪众优伞伤伦伪传侠侣侦侧侨俭债倾偿储兰兴养兽冯写军农凤凭击创删劝办励劲劳势勋区华协',
  ...'卖卢卫厅历压厌县参双变叠叹吓吗员呜响哑哗团园围图圆圣场块坚坛坟坠垄垦垫备头夹夺奋奖妆妇妈娱婴孙宝实',
  ...'宠宪宫宽宾寻导寿将尘尝层属岁岂岗岛岭币师带帮庆库庙废张弯弹归当录彻径忆忧怀怜总恋恳恶惊惧惩惯愤戏战执',
  ...'扩扫扬扰抚抛护报担拟拢拥挡挤挥损换掷摄摆摇摊敌断旧显晓晕暂杀杂条极构枪标栋树样档桥楼欢欧残毁毕汇汉',
  ...'沟泽洁浅测济浓涛润涨渐渔湾湿满滤滥灭灯灵灾炉点炼烂热爱独猎献环玛画畅疗监盐盖盘矿码砖础离积称稳穷窃竞',
  ...'笔简粮紧纠红约级纪纯纲纳纵纷纸线细终经绑结绕绘给绝统继绩续维综绿缓编缘缩缴罗罚罢联聪肃肠肤肾肿胀脑',
  ...'艺节苏药获营蓝虑虽补袭装观规视览觉誉计订讨让训议讯记讲许论访评识诉词译试诚话该详语读谁调谈谋谓谢负',
  ...'贡财责贤败货质贪贫购贯贴贵贷费贸赏赔赖赚赛赞赠赵趋跃践躯轨轮软轻载较辅辆辉辑输辞迁迈违迟遗邮邻郑释针',
  ...'钟钢钱铁铜银销锁锅键镇闪闭闲闻阅队阳阴阵际陆陈险随隐难雾静顶顺须顾预领频题颜额饭饮馆驱驶驾验骗鸡',
];

/** Codes and names that are the same in both languages by design (e.g. 繁體中文, 教育部). */
const SAME_IN_BOTH = new Set(['language.zhTW', 'language.en', 'setup.ministryDefault']);

describe('locale files', () => {
  const zh = flatten(zhTW as Tree);
  const english = flatten(en as Tree);

  it('have identical key sets', () => {
    expect([...zh.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('keep zh-TW free of Simplified-only characters', () => {
    const offending = [...zh.entries()].flatMap(([key, text]) =>
      [...text].filter((ch) => SIMPLIFIED_ONLY.includes(ch)).map((ch) => `${key}: ${ch}`),
    );
    expect(offending).toEqual([]);
  });

  it('use the same interpolation variables in both languages', () => {
    const vars = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const mismatched = [...zh.entries()].filter(([key, text]) => {
      const other = english.get(key) ?? '';
      return JSON.stringify(vars(text)) !== JSON.stringify(vars(other));
    });
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it('have no empty or untranslated texts', () => {
    const empty = [...zh.entries(), ...english.entries()].filter(([, text]) => text.trim() === '');
    expect(empty).toEqual([]);
    const untranslated = [...zh.keys()].filter((key) => !SAME_IN_BOTH.has(key) && zh.get(key) === english.get(key));
    expect(untranslated).toEqual([]);
  });
});
